import { expect, test } from '@playwright/test';
import { db } from '@/lib/db/client';
import { createTenant } from '@/lib/tenancy/create-tenant';
import { buildTikTokOrder } from '@/tests/fixtures/tiktok';
import { signIn, uniqueSuffix } from '@/tests/e2e/support/merchant';
import { postAdmin } from '@/tests/fakes/tiktok-shop';

// Connecting stores from the Stores page, against the platform fakes (`tests/fakes`).

const fakes = () => Number(process.env.FAKES_PORT);
const shopifyAdmin = (path: string, body: unknown) => postAdmin(`http://127.0.0.1:${fakes()}/__admin/shops${path}`, body);
const wooAdmin = (path: string, body: unknown) => postAdmin(`http://127.0.0.1:${fakes() + 1}/__admin/sites/${path}`, body);
const tiktokAdmin = (path: string, body: unknown) => postAdmin(`http://127.0.0.1:${fakes() + 2}/__admin/${path}`, body);

async function owner() {
  const suffix = uniqueSuffix();
  const email = `connect-${suffix}@example.test`;
  const password = `pw-${suffix}-secret`;
  const { tenantId } = await createTenant({ name: `Connect ${suffix}`, email, password });
  return { tenantId, email, password, suffix };
}

test('connects a Shopify store with OAuth and shows its 500-order backfill progress live', async ({ page, baseURL }) => {
  const merchant = await owner();
  const shop = `e2e-${merchant.suffix}.myshopify.com`;
  await shopifyAdmin('', { shop });
  const created = (index: number) => new Date(Date.now() - (index % 50) * 86_400_000 - index * 1000).toISOString();
  await shopifyAdmin(`/${shop}/orders`, { orders: Array.from({ length: 500 }, (_, index) => ({ id: String(8_300_000_000_000 + index), number: 20_001 + index, createdAt: created(index) })) });
  await shopifyAdmin(`/${shop}/throttle`, { latencyMs: 400 });

  await signIn(page, baseURL!, merchant.email, merchant.password);
  await page.goto('/en/stores');
  await page.getByLabel('Shop domain').fill(shop);
  await page.getByRole('button', { name: 'Connect' }).first().click();
  await expect(page).toHaveURL(/\/en\/stores\?connected=shopify/);
  await expect(page.getByTestId('connected-banner')).toContainText('Shopify');
  await expect(page.getByTestId('store-row')).toHaveCount(1);

  const progress = page.getByTestId('backfill-progress');
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await progress.getAttribute('max')).toBe('500');
  await page.screenshot({ path: 'tests/artifacts/screenshots/backfill-progress.png' });
  await expect(page.getByTestId('backfill-done')).toHaveText('500 orders imported', { timeout: 90_000 });
  expect(await db().order.count({ where: { tenantId: merchant.tenantId } })).toBe(500);
});

test('connects a WooCommerce store through its authorize screen', async ({ page, baseURL }) => {
  const merchant = await owner();
  const site = `e2e-${merchant.suffix}`;
  const { siteUrl } = (await wooAdmin(site, {})) as { siteUrl: string };
  await wooAdmin(`${site}/orders`, { orders: [{ id: 31, number: '7031', createdGmt: new Date(Date.now() - 86_400_000).toISOString().slice(0, 19) }] });

  await signIn(page, baseURL!, merchant.email, merchant.password);
  await page.goto('/en/stores');
  await page.getByLabel('Site address').fill(siteUrl);
  await page.getByRole('button', { name: 'Connect' }).nth(1).click();
  await expect(page).toHaveURL(/\/en\/stores\?connected=woocommerce/);
  await expect(page.getByTestId('store-row')).toContainText(new URL(siteUrl).host);
  await expect(page.getByTestId('backfill-done')).toHaveText('1 order imported', { timeout: 30_000 });
});

test('connects TikTok Shop through the seller authorization', async ({ page, baseURL }) => {
  const merchant = await owner();
  const shopId = `7496${Date.now()}`.slice(0, 19);
  const cipher = `ROW_e2e_${merchant.suffix}`;
  await tiktokAdmin('sellers', { code: `code-${merchant.suffix}`, shops: [{ shopId, cipher, name: 'E2E TikTok shop' }] });
  await tiktokAdmin('orders', { cipher, order: buildTikTokOrder({ id: `57640${Date.now()}`.slice(0, 18), createTime: Math.floor(Date.now() / 1000) - 3600 }) });

  await signIn(page, baseURL!, merchant.email, merchant.password);
  await page.goto('/en/stores');
  await page.getByRole('link', { name: 'Connect' }).click();
  await expect(page).toHaveURL(/\/en\/stores\?connected=tiktok/);
  await expect(page.getByTestId('store-row')).toContainText('E2E TikTok shop');
  await expect(page.getByTestId('backfill-done')).toHaveText('1 order imported', { timeout: 30_000 });
});
