import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { createTenant } from '@/lib/tenancy/create-tenant';
import { addStore } from '@/lib/stores/add-store';
import { pool } from '@/lib/db/client';
import { shopifyHeaders, shopifyOrderBody, type TShopifyOrderInput } from '@/tests/fixtures/shopify';
import { wooHeaders, wooOrderBody, type TWooOrderInput } from '@/tests/fixtures/woocommerce';

// A fresh merchant per test, its orders sent as signed webhooks to the running app, and sign-in
// through the API (each test from its own address, so the sign-in rate limit never interferes).

const actor = { type: 'system' as const, id: 'e2e' };

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export async function createMerchant(name = 'E2E Merchant') {
  const suffix = uniqueSuffix();
  const email = `owner-${suffix}@example.test`;
  const password = `pw-${suffix}-secret`;
  const { tenantId, userId } = await createTenant({ name: `${name} ${suffix}`, email, password, userName: 'Olivia Owner' });
  const shopDomain = `e2e-${suffix}.myshopify.com`;
  const shopify = await addStore(tenantId, { platform: 'shopify', shopDomain, name: `Shopify ${suffix}` }, actor);
  const siteUrl = `https://woo-${suffix}.example.test`;
  const webhookSecret = randomBytes(12).toString('hex');
  const woo = await addStore(tenantId, { platform: 'woocommerce', siteUrl, webhookSecret, name: `Woo ${suffix}` }, actor);
  return {
    tenantId,
    userId,
    email,
    password,
    shopify: { storeId: shopify.storeId, shopDomain, name: `Shopify ${suffix}` },
    woo: { storeId: woo.storeId, siteUrl, webhookSecret, name: `Woo ${suffix}` },
  };
}

export type TMerchant = Awaited<ReturnType<typeof createMerchant>>;

export async function sendShopifyOrder(baseURL: string, merchant: TMerchant, input: TShopifyOrderInput, topic = 'orders/create') {
  const body = shopifyOrderBody(input);
  const response = await fetch(`${baseURL}/api/webhooks/shopify`, {
    method: 'POST',
    headers: shopifyHeaders({ shopDomain: merchant.shopify.shopDomain, topic, body, secret: process.env.SHOPIFY_API_SECRET! }),
    body,
  });
  expect(response.status).toBe(200);
}

export async function sendWooOrder(baseURL: string, merchant: TMerchant, input: TWooOrderInput) {
  const body = wooOrderBody(input);
  const response = await fetch(`${baseURL}/api/webhooks/woocommerce/${merchant.woo.storeId}`, {
    method: 'POST',
    headers: wooHeaders({ topic: 'order.created', body, secret: merchant.woo.webhookSecret, source: merchant.woo.siteUrl }),
    body,
  });
  expect(response.status).toBe(200);
}

/** Waits until the worker has handled every webhook of the tenant. */
export async function waitForIngest(tenantId: string, expectedEvents: number) {
  await expect
    .poll(
      async () => {
        const { rows } = await pool().query<{ total: number; pending: number }>(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE status IN ('RECEIVED', 'QUEUED'))::int AS pending FROM webhook_events WHERE tenant_id = $1`,
          [tenantId],
        );
        return rows[0]!.total >= expectedEvents && rows[0]!.pending === 0;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

export function uniqueIp(): string {
  const bytes = randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

/** Signs the browser in through the API (POST /api/auth/sign-in/email); the cookie lands in the page's context. */
export async function signIn(page: Page, baseURL: string, email: string, password: string) {
  const response = await page.request.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email, password },
    headers: { 'x-forwarded-for': uniqueIp(), origin: baseURL },
  });
  expect(response.status()).toBe(200);
}
