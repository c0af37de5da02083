import { expect, test, type Page } from '@playwright/test';
import { pool } from '@/lib/db/client';
import { addStore } from '@/lib/stores/add-store';
import { shopifyHeaders, shopifyOrderBody, type TShopifyOrderInput } from '@/tests/fixtures/shopify';
import { postAdmin } from '@/tests/fakes/tiktok-shop';
import { createMerchant, sendShopifyOrder, signIn, uniqueSuffix, waitForIngest } from '@/tests/e2e/support/merchant';

// The supplier side in the browser: linking AliExpress (the fake's authorize page), mapping SKUs,
// sending orders from the Order Center, the twin review queue and the Stores page warning.

const aliexpressAdmin = (path: string, body: unknown) => postAdmin(`http://127.0.0.1:${Number(process.env.FAKES_PORT) + 3}/__admin/${path}`, body);
const buyer = { firstName: 'Mara', lastName: 'Lind', email: 'mara@example.com' };

/** Links an AliExpress account from the Supplier page, through the fake's authorize redirect. */
async function linkAliExpress(page: Page, account: string) {
  await aliexpressAdmin('accounts', { code: `code-${uniqueSuffix()}`, userId: `ae-${uniqueSuffix()}`, account });
  await page.goto('/en/supplier');
  await page.getByTestId('link-aliexpress').click();
  await expect(page).toHaveURL(/\/en\/supplier\?linked=aliexpress/);
  await expect(page.getByTestId('supplier-account-name')).toHaveText(account);
}

async function sendToStore(baseURL: string, shopDomain: string, input: TShopifyOrderInput) {
  const body = shopifyOrderBody(input);
  const response = await fetch(`${baseURL}/api/webhooks/shopify`, {
    method: 'POST',
    headers: shopifyHeaders({ shopDomain, topic: 'orders/create', body, secret: process.env.SHOPIFY_API_SECRET! }),
    body,
  });
  expect(response.status).toBe(200);
}

test('links AliExpress, maps a SKU, sends orders in bulk and keeps them with the old account after a switch', async ({ page, baseURL }) => {
  const merchant = await createMerchant('Supplier');
  const productId = `10050${Date.now()}`.slice(0, 16);
  await aliexpressAdmin('products', { products: [{ productId }] });
  const base = 9_700_000_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
  await sendShopifyOrder(baseURL!, merchant, { id: String(base + 1), number: 6101, customer: buyer, lines: [{ sku: 'E2E-LAMP', title: 'Desk lamp', quantity: 1, price: '19.00' }] });
  await sendShopifyOrder(baseURL!, merchant, { id: String(base + 2), number: 6102, customer: buyer, lines: [{ sku: 'E2E-LAMP', title: 'Desk lamp', quantity: 2, price: '19.00' }] });
  await sendShopifyOrder(baseURL!, merchant, { id: String(base + 3), number: 6103, customer: buyer, lines: [{ sku: 'E2E-NOMAP', title: 'Mystery box', quantity: 1, price: '5.00' }] });
  await waitForIngest(merchant.tenantId, 3);

  await signIn(page, baseURL!, merchant.email, merchant.password);
  await linkAliExpress(page, `first-${uniqueSuffix()}`);

  // Both SKUs wait for a product; map one of them from its row.
  const unmapped = page.getByTestId('unmapped-sku');
  await expect(unmapped).toHaveCount(2);
  const lampRow = unmapped.filter({ hasText: 'E2E-LAMP' });
  await lampRow.getByLabel('AliExpress product id').fill(productId);
  await lampRow.getByLabel('Variant (sku_attr)').fill('14:193#Black');
  await lampRow.getByRole('button', { name: 'Add mapping' }).click();
  // The SKU leaves the waiting list for the mappings table.
  await expect(page.getByTestId('mapping-row')).toHaveCount(1);
  await expect(page.getByTestId('mapping-row')).toContainText(productId);
  await expect(page.getByTestId('unmapped-sku')).toHaveCount(1);
  // A mapping typed in by hand, then corrected from its row.
  const addForm = page.getByTestId('add-mapping');
  await addForm.getByLabel('Store SKU').fill('E2E-FAN');
  await addForm.getByLabel('AliExpress product id').fill('not-a-number');
  await addForm.getByRole('button', { name: 'Add mapping' }).click();
  await expect(addForm.getByRole('alert')).toHaveText(/Check the fields/);
  await addForm.getByLabel('AliExpress product id').fill('1005009999999');
  await addForm.getByRole('button', { name: 'Add mapping' }).click();
  await expect(addForm.getByRole('status')).toHaveText('Mapping for E2E-FAN saved.');
  await expect(page.getByTestId('mapping-row')).toHaveCount(2);

  // Bulk send from the Order Center: two go, the unmapped one is refused with its SKU.
  await page.goto('/en/orders');
  await page.getByTestId('select-all-orders').check();
  await page.getByRole('button', { name: 'Send 3 orders to AliExpress' }).click();
  const result = page.getByTestId('send-result');
  await expect(result).toContainText('2 orders are being sent to AliExpress.');
  await expect(result.getByTestId('send-refusal')).toHaveText(/#6103: no AliExpress product for E2E-NOMAP\./);
  await page.screenshot({ path: 'tests/artifacts/screenshots/send-to-supplier.png', fullPage: true });

  await expect
    .poll(async () => {
      await page.goto('/en/orders?tab=awaiting_supplier');
      return page.getByTestId('order-row').count();
    }, { timeout: 30_000 })
    .toBe(2);
  await page.getByRole('link', { name: '#6102' }).click();
  const supplierOrder = page.getByTestId('supplier-order');
  await expect(supplierOrder).toHaveCount(1);
  await expect(supplierOrder).toContainText('Awaiting payment');
  await expect(page.getByTestId('order-timeline')).toContainText('Sent to AliExpress: order');
  await expect(page.getByTestId('old-account-badge')).toHaveCount(0);
  const orderUrl = page.url();

  // Switching keeps the old account's orders visible, marked, and the old account listed.
  await linkAliExpress(page, `second-${uniqueSuffix()}`);
  await expect(page.getByTestId('previous-accounts')).toContainText('first-');
  await page.goto(orderUrl);
  await expect(page.getByTestId('old-account-badge')).toHaveText('Previous AliExpress account');
  await page.screenshot({ path: 'tests/artifacts/screenshots/order-supplier.png', fullPage: true });
  const audit = await pool().query<{ action: string; actor_id: string }>(`SELECT action, actor_id FROM audit_events WHERE tenant_id = $1 AND action LIKE 'supplier_account.%' ORDER BY created_at`, [merchant.tenantId]);
  expect(audit.rows).toEqual([
    { action: 'supplier_account.linked', actor_id: merchant.userId },
    { action: 'supplier_account.switched', actor_id: merchant.userId },
  ]);
});

test('twin orders: sending a pending twin is refused; "same purchase" archives the copy', async ({ page, baseURL }) => {
  const merchant = await createMerchant('Twins');
  const second = await addStore(merchant.tenantId, { platform: 'shopify', shopDomain: `e2e-twin-${uniqueSuffix()}.myshopify.com`, name: 'Second shop' }, { type: 'system', id: 'e2e' });
  const secondDomain = (await pool().query<{ shop_domain: string }>(`SELECT shop_domain FROM stores WHERE tenant_id = $1 AND id = $2`, [merchant.tenantId, second.storeId])).rows[0]!.shop_domain;
  const lines = [{ sku: 'E2E-TWIN', title: 'Phone case', quantity: 2, price: '8.50' }];
  const base = 9_800_000_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
  await sendShopifyOrder(baseURL!, merchant, { id: String(base + 1), number: 6201, customer: buyer, lines, createdAt: '2026-11-20T10:00:00Z' });
  await sendToStore(baseURL!, secondDomain, { id: String(base + 2), number: 6301, customer: buyer, lines, createdAt: '2026-11-20T10:40:00Z' });
  await waitForIngest(merchant.tenantId, 2);

  await signIn(page, baseURL!, merchant.email, merchant.password);
  await linkAliExpress(page, `twins-${uniqueSuffix()}`);
  await page.goto('/en/orders');
  await expect(page.getByTestId('nav-badge-twins')).toHaveText('1');
  await expect(page.getByTestId('twin-badge')).toHaveCount(2);
  await page.getByLabel('Select order #6301').check();
  await page.getByRole('button', { name: 'Send 1 order to AliExpress' }).click();
  await expect(page.getByTestId('send-refusal')).toHaveText(/#6301 may be the same purchase as #6201\. Decide under Twin orders first\./);

  await page.getByRole('link', { name: 'Review twin orders' }).click();
  await expect(page).toHaveURL(/\/en\/twins$/);
  const pair = page.getByTestId('twin-pair');
  await expect(pair).toContainText('Probably the same purchase');
  await expect(pair).toContainText('40 minutes apart');
  await expect(pair.getByTestId('twin-original')).toContainText('#6201');
  await expect(pair.getByTestId('twin-copy')).toContainText('#6301');
  await page.screenshot({ path: 'tests/artifacts/screenshots/twins.png', fullPage: true });
  await pair.getByRole('button', { name: 'Same purchase: archive #6301' }).click();
  await expect(page.getByTestId('twins-empty')).toBeVisible();
  await expect(page.getByTestId('resolved-twins')).toContainText('Same purchase');
  await expect(page.getByTestId('nav-badge-twins')).toHaveCount(0);

  await page.goto('/en/orders?tab=archived');
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText('#6301');
  await page.getByRole('link', { name: '#6301' }).click();
  await expect(page.getByTestId('supplier-section')).toContainText('Archived as a copy of another order');
  await expect(page.getByTestId('order-timeline')).toContainText('Archived: the same purchase as another order');

  // The same page in Arabic reads right to left.
  await page.goto('/ar/twins');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Twin orders');
});

test('Stores warns about TikTok Shop orders arriving through Shopify and skips them when asked', async ({ page, baseURL }) => {
  const merchant = await createMerchant('Overlap');
  await addStore(merchant.tenantId, { platform: 'tiktok', shopId: `7497${Date.now()}`.slice(0, 19), shopCipher: `ROW_${uniqueSuffix()}`, accessToken: 'tok', name: 'TikTok direct' }, { type: 'system', id: 'e2e' });
  const base = 9_900_000_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
  await sendShopifyOrder(baseURL!, merchant, { id: String(base + 1), number: 6401, sourceName: 'tiktok', sourceIdentifier: '576461413038799001' });
  await waitForIngest(merchant.tenantId, 1);

  await signIn(page, baseURL!, merchant.email, merchant.password);
  await page.goto('/en/stores');
  const warning = page.getByTestId('tiktok-overlap');
  await expect(warning).toContainText(`${merchant.shopify.name} also brings in TikTok Shop orders (1 so far)`);
  await warning.getByRole('button', { name: 'Skip TikTok Shop orders from this store' }).click();
  await expect(warning).toContainText(`TikTok Shop orders arriving through ${merchant.shopify.name} are skipped`);

  await sendShopifyOrder(baseURL!, merchant, { id: String(base + 2), number: 6402, sourceName: 'tiktok', sourceIdentifier: '576461413038799002' });
  await waitForIngest(merchant.tenantId, 2);
  const { rows } = await pool().query<{ number: string }>(`SELECT number FROM orders WHERE tenant_id = $1`, [merchant.tenantId]);
  expect(rows.map((row) => row.number)).toEqual(['#6401']);
});
