import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const arabic = JSON.parse(readFileSync('messages/ar.json', 'utf8'));

test('serves health, and the sign-in page in English and in right-to-left Arabic', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(await health.json()).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  // Static files from public/: the dashboard keeps out of search engines.
  expect(await (await request.get('/robots.txt')).text()).toContain('Disallow: /');

  await page.goto('/en');
  await expect(page).toHaveURL(/\/en\/login$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order hub');
  const headers = (await request.get('/en/login')).headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');

  await page.goto('/ar/login');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(arabic.app.name);
});

test('before sign-in the browser’s language decides', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/de\/login$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await context.close();
});
