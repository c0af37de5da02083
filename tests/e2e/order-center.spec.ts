import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createInvitation, acceptInvitation } from '@/lib/tenancy/invitations';
import { createMerchant, sendShopifyOrder, sendWooOrder, signIn, uniqueSuffix, waitForIngest, type TMerchant } from '@/tests/e2e/support/merchant';
import { signSessionToken } from '@/tests/support/session-token';
import { db } from '@/lib/db/client';
import { postAdmin } from '@/tests/fakes/tiktok-shop';

const arabic = JSON.parse(readFileSync('messages/ar.json', 'utf8'));
const english = JSON.parse(readFileSync('messages/en.json', 'utf8'));

async function merchantWithOrders(baseURL: string): Promise<TMerchant> {
  const merchant = await createMerchant();
  await sendShopifyOrder(baseURL, merchant, { id: '910000000000001', number: 1001, createdAt: '2026-11-20T10:00:00Z', customer: { firstName: 'Maya', lastName: 'Johnson', email: 'maya@example.com' } });
  await sendShopifyOrder(baseURL, merchant, { id: '910000000000002', number: 1002, createdAt: '2026-11-21T10:00:00Z' });
  // The tests below expect the Woo #1001 to become #1001-2: it must arrive after the Shopify #1001 is
  // recorded. Sent a few milliseconds apart, the two could be taken by two worker slots at once, and
  // then either may be recorded first.
  await waitForIngest(merchant.tenantId, 2);
  await sendWooOrder(baseURL, merchant, { id: 501, number: '1001', createdGmt: '2026-11-22T10:00:00', lines: [{ sku: 'MUG-RED', title: 'Red mug', quantity: 2, price: '7.50' }] });
  await waitForIngest(merchant.tenantId, 3);
  return merchant;
}

test('signs in, finds the #1001 group, filters by store and opens a renumbered order', async ({ page, baseURL }) => {
  const merchant = await merchantWithOrders(baseURL!);

  await page.goto('/en/login');
  await page.getByLabel('Email').fill(merchant.email);
  await page.getByLabel('Password').fill(merchant.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/en\/home$/);

  await page.getByRole('link', { name: 'Order Center' }).click();
  await expect(page.getByTestId('order-row')).toHaveCount(3);
  await expect(page.getByTestId('tab-to_order')).toContainText('3');

  await page.getByRole('searchbox').fill('1001');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await expect(page.getByTestId('orders-table')).toContainText('#1001-1');
  await expect(page.getByTestId('orders-table')).toContainText('#1001-2');
  await page.screenshot({ path: 'tests/artifacts/screenshots/order-center-en.png', fullPage: true });

  await page.getByTestId('store-switcher').selectOption(merchant.woo.storeId);
  await expect(page).toHaveURL(new RegExp(`store=${merchant.woo.storeId}`));
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('orders-table')).toContainText('#1001-2');

  await page.getByTestId('store-switcher').selectOption('');
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await page.getByRole('link', { name: /#1001-1/ }).click();
  await expect(page.getByTestId('order-number')).toContainText('#1001-1');
  await expect(page.getByTestId('former-numbers')).toHaveText('#1001');
  await expect(page.getByTestId('order-timeline')).toContainText('Renumbered #1001 → #1001-1');
  await expect(page.getByTestId('order-timeline')).toContainText('Recorded as #1001');
  await expect(page.getByTestId('external-id')).toHaveText('910000000000001');
});

test('switches to Arabic, right to left, remembers it at the next sign-in, and switches back', async ({ page, baseURL }) => {
  const merchant = await merchantWithOrders(baseURL!);
  await signIn(page, baseURL!, merchant.email, merchant.password);
  await page.goto('/en/orders');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  await page.getByTestId('language-switcher').selectOption('ar');
  await expect(page).toHaveURL(/\/ar\/orders/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(arabic.orders.title);
  await expect(page.getByTestId('tab-to_order')).toContainText(arabic.tabs.to_order);
  await expect(page.getByTestId('order-row')).toHaveCount(3);
  await page.screenshot({ path: 'tests/artifacts/screenshots/order-center-ar.png', fullPage: true });

  // Stored per user: the next sign-in (here from an English page) lands in Arabic.
  await page.context().clearCookies();
  await page.goto('/en/login');
  await page.getByLabel('Email').fill(merchant.email);
  await page.getByLabel('Password').fill(merchant.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/ar\/home$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  await page.goto('/ar/orders');
  await page.getByTestId('language-switcher').selectOption('en');
  await expect(page).toHaveURL(/\/en\/orders/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(english.orders.title);
});

test('a staff member given one store cannot list or open another store’s orders', async ({ page, baseURL }) => {
  const merchant = await merchantWithOrders(baseURL!);
  const { token } = await createInvitation(merchant.tenantId, { type: 'user', id: merchant.userId }, { role: 'staff', storeIds: [merchant.woo.storeId] });
  const email = `staff-${uniqueSuffix()}@example.test`;
  await acceptInvitation(token, { name: 'Sam Staff', email, password: 'staff-password-1' });
  await signIn(page, baseURL!, email, 'staff-password-1');

  await page.goto('/en/orders');
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('orders-table')).toContainText('#1001-2');
  await expect(page.getByTestId('store-switcher').locator('option')).toHaveText(['All stores', merchant.woo.name]);

  // A store of the account that is not theirs is as unknown to them as another account's (the
  // list streams behind its loading state, so the not-found page comes with the 200 already sent).
  await page.goto(`/en/orders?store=${merchant.shopify.storeId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(english.errors.notFoundTitle);
  await expect(page.getByTestId('order-row')).toHaveCount(0);

  const { pool } = await import('@/lib/db/client');
  const { rows } = await pool().query<{ id: string }>(`SELECT id FROM orders WHERE tenant_id = $1 AND store_id = $2 LIMIT 1`, [merchant.tenantId, merchant.shopify.storeId]);
  const response = await page.goto(`/en/orders/${rows[0]!.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(english.errors.notFoundTitle);
  expect((await page.request.get(`${baseURL}/en/settings`)).status()).toBe(404);
});

test('a user of another account gets 404 for this account’s order', async ({ page, baseURL }) => {
  const merchant = await merchantWithOrders(baseURL!);
  const stranger = await createMerchant('Stranger');
  const { pool } = await import('@/lib/db/client');
  const { rows } = await pool().query<{ id: string }>(`SELECT id FROM orders WHERE tenant_id = $1 LIMIT 1`, [merchant.tenantId]);
  await signIn(page, baseURL!, stranger.email, stranger.password);
  const response = await page.goto(`/en/orders/${rows[0]!.id}`);
  expect(response?.status()).toBe(404);
  await page.goto('/en/orders');
  await expect(page.getByTestId('orders-empty')).toBeVisible();
});

test('the Shopify admin entry signs in with a valid session token and refuses expired or forged ones', async ({ page, baseURL }) => {
  const merchant = await merchantWithOrders(baseURL!);
  await postAdmin(`http://127.0.0.1:${process.env.FAKES_PORT}/__admin/shops`, { shop: merchant.shopify.shopDomain });
  const expired = await page.goto(`/shopify?shop=${merchant.shopify.shopDomain}&id_token=${signSessionToken(merchant.shopify.shopDomain, { expiresInSeconds: -300 })}`);
  expect(expired?.status()).toBe(401);
  const forged = await page.goto(`/shopify?shop=${merchant.shopify.shopDomain}&id_token=${signSessionToken(merchant.shopify.shopDomain, { secret: 'forged' })}`);
  expect(forged?.status()).toBe(401);
  await page.goto('/en/orders');
  await expect(page).toHaveURL(/\/login$/);

  await page.goto(`/shopify?shop=${merchant.shopify.shopDomain}&id_token=${signSessionToken(merchant.shopify.shopDomain)}`);
  await expect(page).toHaveURL(new RegExp(`/orders\\?store=${merchant.shopify.storeId}`));
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  const headers = (await page.request.get(`${baseURL}/en/orders`)).headers();
  expect(headers['content-security-policy']).toContain(`frame-ancestors https://${merchant.shopify.shopDomain} https://admin.shopify.com`);
});

test('a shop that installed the app from Shopify gets an account of its own when its admin first opens it', async ({ page }) => {
  const shop = `e2e-new-${uniqueSuffix()}.myshopify.com`;
  await postAdmin(`http://127.0.0.1:${process.env.FAKES_PORT}/__admin/shops`, { shop, orders: [] });
  await page.goto(`/shopify?shop=${shop}&id_token=${signSessionToken(shop)}`);
  await expect(page).toHaveURL(/\/orders\?store=sto_/);
  const storeId = new URL(page.url()).searchParams.get('store')!;
  const store = await db().store.findFirstOrThrow({ where: { id: storeId }, select: { tenantId: true, shopDomain: true, status: true } });
  expect(store).toMatchObject({ shopDomain: shop, status: 'active' });
  expect(await db().membership.count({ where: { tenantId: store.tenantId, role: 'owner' } })).toBe(1);
  await expect(page.getByTestId('orders-empty')).toBeVisible();
});
