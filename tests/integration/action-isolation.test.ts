import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { retryFailedEvent, ignoreFailedEvent } from '@/lib/events/resolve-failed-event';
import { createInvitation, revokeInvitation } from '@/lib/tenancy/invitations';
import { resolveTwin } from '@/lib/duplicates/resolve-twin';
import { setSkipTikTokOrigin } from '@/lib/duplicates/skip-tiktok-origin';
import { deleteProductMapping, saveProductMapping } from '@/lib/suppliers/product-mappings';
import { sendOrdersToSupplier } from '@/lib/suppliers/send-to-supplier';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { addShopifyStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify } from '@/tests/support/webhooks';
import { settledOrders } from '@/tests/support/orders';
import { linkAliExpress } from '@/tests/support/supplier';

// The dashboard's server actions, found on disk, each given tenant A's ids by a member of tenant B
// (through the domain function the action calls with the member's tenant): not found, nothing
// changed. An action added without a case here fails the first test.

type TCase = (a: Awaited<ReturnType<typeof tenantA>>, b: { tenantId: string; userId: string }) => Promise<void>;

const actor = (b: { userId: string }) => ({ type: 'user' as const, id: b.userId });

const cases: Record<string, TCase | 'no tenant ids'> = {
  retryEvent: async (a, b) => {
    await expect(retryFailedEvent({ tenantId: b.tenantId, visibleStoreIds: null, actor: actor(b) }, a.failedEventId)).rejects.toThrow(/not found|no failed event/i);
  },
  ignoreEvent: async (a, b) => {
    await expect(ignoreFailedEvent({ tenantId: b.tenantId, visibleStoreIds: null, actor: actor(b) }, a.failedEventId)).rejects.toThrow(/not found|no failed event/i);
  },
  saveMyLanguage: 'no tenant ids',
  saveMerchantLanguage: 'no tenant ids',
  inviteMember: async (a, b) => {
    await expect(createInvitation(b.tenantId, actor(b), { role: 'staff', storeIds: [a.storeId] })).rejects.toThrow(/not found/i);
  },
  revokeInvite: async (a, b) => {
    await expect(revokeInvitation(b.tenantId, actor(b), a.invitationId)).rejects.toThrow(/not found/i);
  },
  acceptInvite: 'no tenant ids', // the token is the credential; the invitation names its tenant
  landingPathAfterSignIn: 'no tenant ids',
  sendToSupplier: async (a, b) => {
    await expect(sendOrdersToSupplier(b.tenantId, null, [a.orderId], actor(b))).resolves.toEqual({ queued: [], refused: [] });
  },
  decideTwin: async (a, b) => {
    await expect(resolveTwin(b.tenantId, a.twinId, 'same_purchase', actor(b), null)).rejects.toThrow(/not found/i);
  },
  saveMapping: async (a, b) => {
    // The same SKU saved by B is B's own mapping; A's stays as it was.
    await saveProductMapping(b.tenantId, actor(b), { sku: a.sku, productId: '1005000000999' });
  },
  deleteMapping: async (a, b) => {
    await expect(deleteProductMapping(b.tenantId, actor(b), 'NOT-B-SKU')).rejects.toThrow(/not found/i);
  },
  setSkipTikTokOriginOrders: async (a, b) => {
    await expect(setSkipTikTokOrigin(b.tenantId, a.storeId, true, actor(b))).rejects.toThrow(/not found/i);
  },
};

function actionsOnDisk(): string[] {
  return readdirSync('lib/actions')
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const source = readFileSync(`lib/actions/${file}`, 'utf8');
      return source.startsWith("'use server'") ? [...source.matchAll(/export async function (\w+)/g)].map((match) => match[1]!) : [];
    });
}

async function tenantA() {
  const tenant = await createTestTenant('Actions A');
  const { storeId, shopDomain } = await addShopifyStore(tenant.tenantId);
  const other = await addShopifyStore(tenant.tenantId);
  const lines = [{ sku: 'ISO-SKU', title: 'Thing', quantity: 1, price: '10.00' }];
  const customer = { firstName: 'Iso', lastName: 'Lated', email: 'iso@example.com' };
  await sendShopify({ shopDomain, body: shopifyOrderBody({ id: '6900000000001', number: 9901, lines, customer, createdAt: '2026-11-20T10:00:00Z' }) });
  await sendShopify({ shopDomain: other.shopDomain, body: shopifyOrderBody({ id: '6900000000002', number: 9902, lines, customer, createdAt: '2026-11-20T10:10:00Z' }) });
  await sendShopify({ shopDomain, body: '{"id": "not an order"}' });
  await settledOrders(tenant.tenantId, 3, 60_000);
  const { rows: orders } = await pool().query<{ id: string }>(`SELECT id FROM orders WHERE tenant_id = $1 ORDER BY number`, [tenant.tenantId]);
  const { rows: failed } = await pool().query<{ id: string }>(`SELECT id FROM webhook_events WHERE tenant_id = $1 AND status = 'FAILED'`, [tenant.tenantId]);
  const { rows: twins } = await pool().query<{ id: string }>(`SELECT id FROM order_twins WHERE tenant_id = $1`, [tenant.tenantId]);
  const { id: invitationId } = await createInvitation(tenant.tenantId, { type: 'user', id: tenant.userId }, { role: 'support', storeIds: [] });
  await saveProductMapping(tenant.tenantId, { type: 'user', id: tenant.userId }, { sku: 'ISO-SKU', productId: '1005000000111' });
  expect(failed).toHaveLength(1);
  expect(twins).toHaveLength(1);
  return { ...tenant, storeId, orderId: orders[0]!.id, failedEventId: failed[0]!.id, twinId: twins[0]!.id, invitationId, sku: 'ISO-SKU' };
}

async function snapshotOf(tenantId: string) {
  const tables = ['orders', 'webhook_events', 'order_twins', 'invitations', 'supplier_product_mappings', 'supplier_order_attempts', 'stores', 'audit_events'];
  const counts: Record<string, unknown> = {};
  for (const table of tables) counts[table] = (await pool().query(`SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) AS digest FROM ${table} t WHERE tenant_id = $1`, [tenantId])).rows[0]!.digest;
  return counts;
}

describe('server actions across tenants', () => {
  it('every action on disk has an isolation case', () => {
    const onDisk = actionsOnDisk();
    expect(onDisk.length).toBeGreaterThan(5);
    expect(onDisk.filter((name) => !(name in cases))).toEqual([]);
  });

  it('tenant B cannot reach tenant A’s events, invitations, twins, stores, orders or mappings, and changes nothing of A', async () => {
    const a = await tenantA();
    const b = await createTestTenant('Actions B');
    await linkAliExpress(b);
    const before = await snapshotOf(a.tenantId);
    for (const [name, check] of Object.entries(cases)) {
      if (check === 'no tenant ids') continue;
      await check(a, b).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
    }
    expect(await snapshotOf(a.tenantId)).toEqual(before);
  });
});
