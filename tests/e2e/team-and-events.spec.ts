import { expect, test } from '@playwright/test';
import { createMerchant, sendShopifyOrder, signIn, uniqueSuffix, waitForIngest } from '@/tests/e2e/support/merchant';
import { shopifyHeaders } from '@/tests/fixtures/shopify';

test('an owner invites support from Settings; the link creates a read-only support account', async ({ page, browser, baseURL }) => {
  const merchant = await createMerchant();
  await signIn(page, baseURL!, merchant.email, merchant.password);
  await page.goto('/en/settings');
  await page.getByLabel('Support').check();
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await page.getByTestId('invitation-link').inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/en/invite/`));

  const invitee = await browser.newContext();
  const invitePage = await invitee.newPage();
  await invitePage.goto(link);
  await expect(invitePage.getByText(`as Support`)).toBeVisible();
  const email = `support-${uniqueSuffix()}@example.test`;
  await invitePage.getByLabel('Your name').fill('Sky Support');
  await invitePage.getByLabel('Email').fill(email);
  await invitePage.getByLabel('Password', { exact: true }).fill('support-password-1');
  await invitePage.getByRole('button', { name: 'Create my account' }).click();
  await expect(invitePage.getByText('Your account is ready.')).toBeVisible();

  await signIn(invitePage, baseURL!, email, 'support-password-1');
  await invitePage.goto('/en/settings');
  await expect(invitePage.getByRole('heading', { name: 'Merchant language' })).toBeVisible();
  await expect(invitePage.getByRole('heading', { name: 'Team' })).toHaveCount(0);
  await invitee.close();

  await page.reload();
  await expect(page.getByTestId('members')).toContainText(email);
  await page.goto(link);
  await expect(page.getByText('This invitation link is not valid any more.')).toBeVisible();
});

test('a failed webhook shows under Failed events and can be ignored', async ({ page, baseURL }) => {
  const merchant = await createMerchant();
  const body = JSON.stringify({ id: 123, name: '#1', total_price: 'lots' });
  const response = await fetch(`${baseURL}/api/webhooks/shopify`, {
    method: 'POST',
    headers: shopifyHeaders({ shopDomain: merchant.shopify.shopDomain, topic: 'orders/create', body, secret: process.env.SHOPIFY_API_SECRET! }),
    body,
  });
  expect(response.status).toBe(200);
  await waitForIngest(merchant.tenantId, 1);

  await signIn(page, baseURL!, merchant.email, merchant.password);
  await page.goto('/en/home');
  await expect(page.getByText('Invalid Shopify order', { exact: false })).toBeVisible();
  await page.goto('/en/events');
  await expect(page.getByTestId('failed-event')).toHaveCount(1);
  await expect(page.getByTestId('failed-event')).toContainText('total_price');
  await page.getByRole('button', { name: 'Ignore' }).click();
  await expect(page.getByTestId('events-empty')).toBeVisible();
});

test('works at 360 px wide and can be used with the keyboard', async ({ page, baseURL }) => {
  const merchant = await createMerchant();
  await sendShopifyOrder(baseURL!, merchant, { id: '930000000000001', number: 2001 });
  await waitForIngest(merchant.tenantId, 1);
  await signIn(page, baseURL!, merchant.email, merchant.password);
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/en/home', '/en/orders', '/en/stores', '/ar/orders']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto('/en/orders');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return element ? getComputedStyle(element).outlineStyle : 'none';
  });
  expect(focused).not.toBe('none');
  await expect(page.getByTestId('order-row')).toHaveCount(1);
});
