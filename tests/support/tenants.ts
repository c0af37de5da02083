import { randomBytes } from 'node:crypto';
import { createTenant } from '@/lib/tenancy/create-tenant';
import { createApiKey } from '@/lib/auth/api-keys';
import { addStore } from '@/lib/stores/add-store';

const testActor = { type: 'system' as const, id: 'test' };

export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}

/** A fresh tenant per test: tests never share orders, numbers or stores. */
export async function createTestTenant(name = 'Test merchant') {
  const suffix = uniqueSuffix();
  const email = `owner-${suffix}@example.test`;
  const password = `pw-${suffix}-secret`;
  const { tenantId, userId } = await createTenant({ name: `${name} ${suffix}`, email, password });
  const { apiKey } = await createApiKey(tenantId, 'test');
  return { tenantId, userId, email, password, apiKey };
}

export async function addShopifyStore(tenantId: string) {
  const shopDomain = `shop-${uniqueSuffix()}.myshopify.com`;
  const { storeId } = await addStore(tenantId, { platform: 'shopify', shopDomain }, testActor);
  return { storeId, shopDomain };
}

export async function addWooStore(tenantId: string) {
  const siteUrl = `https://woo-${uniqueSuffix()}.example.test`;
  const webhookSecret = randomBytes(16).toString('hex');
  const { storeId } = await addStore(tenantId, { platform: 'woocommerce', siteUrl, webhookSecret }, testActor);
  return { storeId, siteUrl, webhookSecret };
}

export async function addTikTokStore(tenantId: string) {
  const shopId = `7495${Date.now()}${Math.floor(Math.random() * 1000)}`.slice(0, 19);
  const shopCipher = `ROW_${uniqueSuffix()}`;
  const accessToken = `tok-${uniqueSuffix()}`;
  const { storeId } = await addStore(tenantId, { platform: 'tiktok', shopId, shopCipher, accessToken }, testActor);
  return { storeId, shopId, shopCipher, accessToken };
}
