import { describe, expect, it } from 'vitest';
import { db, pool } from '@/lib/db/client';
import { placeSupplierOrder } from '@/lib/suppliers/place-supplier-order';
import { syncSupplierOrders } from '@/lib/suppliers/sync-supplier-orders';
import { getOrder } from '@/lib/orders/get-order';
import { completeSupplierLink, loadActiveSupplierAccount, markSupplierAccountNeedsReconnection, supplierLinkUrl } from '@/lib/suppliers/supplier-accounts';
import { withWaitingAdvisoryLock } from '@/lib/db/advisory-lock';
import { openStoreCredentials, sealStoreCredentials } from '@/lib/stores/store-credentials';
import { withTenant } from '@/lib/db/tenant-scope';
import { fetchAliExpressOrder } from '@/lib/suppliers/aliexpress/fetch-aliexpress-order';
import { SupplierAuthorizationError } from '@/lib/suppliers/aliexpress/aliexpress-api';
import { fakeAliExpress } from '@/tests/support/fakes';
import { connectedShopifyStore, linkAliExpress, mapSkus, shopifyOrder } from '@/tests/support/supplier';
import { createTestTenant, uniqueSuffix } from '@/tests/support/tenants';
import { findOrders, settledOrders } from '@/tests/support/orders';

const address = { firstName: 'Nora', lastName: 'Quinn', email: 'nora@example.com' };

describe('the linked AliExpress account', () => {
  it('links through OAuth, sealed; a second link switches and keeps the old one, audited with the actor', async () => {
    const tenant = await createTestTenant();
    const first = await linkAliExpress(tenant);
    const supportUserId = `usr_support_${uniqueSuffix()}`;
    const second = await linkAliExpress(tenant, supportUserId);

    const accounts = await db().supplierAccount.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { linkedAt: 'asc' } });
    expect(accounts.map((account) => [account.id, account.status])).toEqual([
      [first.accountId, 'switched_out'],
      [second.accountId, 'active'],
    ]);
    expect(accounts[1]!.credentials).not.toContain('ae_');
    const { rows } = await pool().query(`SELECT action, actor_id, before, after FROM audit_events WHERE tenant_id = $1 AND action LIKE 'supplier_account.%' ORDER BY created_at`, [tenant.tenantId]);
    expect(rows.map((row) => [row.action, row.actor_id])).toEqual([
      ['supplier_account.linked', tenant.userId],
      ['supplier_account.switched', supportUserId],
    ]);
    expect(rows[1].before.accountId).toBe(first.accountId);
  });

  it('refreshes a token about to expire once, even for two workers at the same moment', async () => {
    const tenant = await createTestTenant();
    const { accountId } = await linkAliExpress(tenant);
    const account = await db().supplierAccount.findFirstOrThrow({ where: { tenantId: tenant.tenantId, id: accountId } });
    const linked = openStoreCredentials(account.credentials);
    // 30 minutes left: inside the hour before expiry in which the hub refreshes.
    const soon = { ...linked, accessTokenExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString() };
    await db().supplierAccount.update({ where: { tenantId_id: { tenantId: tenant.tenantId, id: accountId } }, data: { credentials: sealStoreCredentials(soon) } });

    // AliExpress retires a refresh token once used: a second refresh with it would fail.
    const [first, second] = await withTenant(tenant.tenantId, () => Promise.all([loadActiveSupplierAccount(tenant.tenantId), loadActiveSupplierAccount(tenant.tenantId)]));
    expect(first!.accessToken).not.toBe(linked.accessToken);
    expect(second!.accessToken).toBe(first!.accessToken);
    const refreshed = openStoreCredentials((await db().supplierAccount.findFirstOrThrow({ where: { tenantId: tenant.tenantId, id: accountId } })).credentials);
    expect(refreshed).toMatchObject({ accessToken: first!.accessToken });
    expect(refreshed.refreshToken).not.toBe(linked.refreshToken);
    expect(new Date(refreshed.accessTokenExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    // AliExpress takes the new token and no longer the old one.
    await expect(fetchAliExpressOrder(first!.accessToken, '1')).rejects.toThrow(/not found/i);
    await expect(fetchAliExpressOrder(linked.accessToken!, '1')).rejects.toBeInstanceOf(SupplierAuthorizationError);
  });

  it('asks for reconnection when AliExpress refuses the current token, not one a refresh has replaced', async () => {
    const tenant = await createTestTenant();
    const { accountId } = await linkAliExpress(tenant);
    const where = { tenantId_id: { tenantId: tenant.tenantId, id: accountId } };
    const linked = openStoreCredentials((await db().supplierAccount.findUniqueOrThrow({ where })).credentials);

    // A refresh in progress holds its lock; the refused token is replaced before it lets go.
    let marked: Promise<boolean> | undefined;
    await withWaitingAdvisoryLock(`supplier-token:${tenant.tenantId}:${accountId}`, async () => {
      marked = markSupplierAccountNeedsReconnection(tenant.tenantId, accountId, 'IllegalAccessToken', linked.accessToken!);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await db().supplierAccount.update({ where, data: { credentials: sealStoreCredentials({ ...linked, accessToken: `ae_${uniqueSuffix()}` }) } });
    });
    expect(await marked).toBe(false);
    expect((await db().supplierAccount.findUniqueOrThrow({ where })).status).toBe('active');

    const current = openStoreCredentials((await db().supplierAccount.findUniqueOrThrow({ where })).credentials);
    expect(await markSupplierAccountNeedsReconnection(tenant.tenantId, accountId, 'IllegalAccessToken', current.accessToken!)).toBe(true);
    expect((await db().supplierAccount.findUniqueOrThrow({ where })).status).toBe('needs_reconnection');
    const { rows } = await pool().query(`SELECT actor_type, after FROM audit_events WHERE tenant_id = $1 AND action = 'supplier_account.needs_reconnection'`, [tenant.tenantId]);
    expect(rows).toEqual([{ actor_type: 'system', after: { reason: 'IllegalAccessToken' } }]);
  });

  it('refuses a link finished by anyone but the member who started it', async () => {
    // An attacker starts a link in their own account and sends the authorize page to a victim.
    const attacker = await createTestTenant();
    const victim = await createTestTenant();
    await fakeAliExpress.addAccount({ code: `code-${uniqueSuffix()}`, userId: `ae-${uniqueSuffix()}`, account: 'victim-buyer' });
    const back = await fetch(supplierLinkUrl({ tenantId: attacker.tenantId, userId: attacker.userId }, 'en'), { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    await expect(completeSupplierLink(callback.searchParams.get('code'), callback.searchParams.get('state'), victim.userId)).rejects.toThrow(/member who started/);
    await expect(completeSupplierLink(callback.searchParams.get('code'), callback.searchParams.get('state'), null)).rejects.toThrow(/member who started/);
    expect(await db().supplierAccount.count({ where: { tenantId: { in: [attacker.tenantId, victim.tenantId] } } })).toBe(0);
  });

  it('after a switch, stops syncing the old account’s orders and keeps syncing the new one’s', async () => {
    const tenant = await createTestTenant();
    const { shop } = await connectedShopifyStore(tenant.tenantId);
    await mapSkus(tenant.tenantId, [{ sku: 'SW-1', productId: '1005001000001' }]);
    await linkAliExpress(tenant);
    await shopifyOrder(shop, { id: '9300000000001', number: 3101, customer: address, lines: [{ sku: 'SW-1', title: 'Lamp', quantity: 1, price: '20.00' }] });
    await settledOrders(tenant.tenantId, 1);
    const [oldOrder] = await findOrders(tenant.tenantId);
    expect((await placeSupplierOrder(tenant.tenantId, oldOrder!.id, { type: 'user', id: tenant.userId })).kind).toBe('placed');

    await linkAliExpress(tenant);
    await shopifyOrder(shop, { id: '9300000000002', number: 3102, customer: address, lines: [{ sku: 'SW-1', title: 'Lamp', quantity: 1, price: '20.00' }] });
    const orders = await settledOrders(tenant.tenantId, 2);
    const newOrder = orders.find((order) => order.number === '#3102')!;
    expect((await placeSupplierOrder(tenant.tenantId, newOrder.id, { type: 'user', id: tenant.userId })).kind).toBe('placed');

    const supplierOrders = await db().supplierOrder.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { createdAt: 'asc' } });
    for (const supplierOrder of supplierOrders) await fakeAliExpress.updateOrder(supplierOrder.externalOrderId, { status: 'WAIT_SELLER_SEND_GOODS' });
    expect(await syncSupplierOrders(tenant.tenantId)).toMatchObject({ polled: 1 });
    const after = await db().supplierOrder.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { createdAt: 'asc' } });
    expect(after.map((supplierOrder) => supplierOrder.status)).toEqual(['awaiting_payment', 'awaiting_shipment']);
    const oldJson = await getOrder(tenant.tenantId, oldOrder!.id);
    expect(oldJson.supplierOrders).toEqual([expect.objectContaining({ status: 'awaiting_payment', accountStatus: 'switched_out' })]);
  });
});

describe('placing supplier orders', () => {
  it('refuses without a mapping (Needs attention names the SKU) and lands a supplier refusal there too', async () => {
    const tenant = await createTestTenant();
    const { shop } = await connectedShopifyStore(tenant.tenantId);
    await linkAliExpress(tenant);
    await mapSkus(tenant.tenantId, [{ sku: 'OOS-1', productId: '1005001000099', outOfStock: true }]);
    await shopifyOrder(shop, { id: '9310000000001', number: 3201, customer: address, lines: [{ sku: 'UNMAPPED-9', title: 'Mystery', quantity: 1, price: '9.00' }] });
    await shopifyOrder(shop, { id: '9310000000002', number: 3202, customer: address, lines: [{ sku: 'OOS-1', title: 'Sold out', quantity: 1, price: '9.00' }] });
    const orders = await settledOrders(tenant.tenantId, 2);
    const actor = { type: 'user' as const, id: tenant.userId };

    expect(await placeSupplierOrder(tenant.tenantId, orders.find((order) => order.number === '#3201')!.id, actor)).toEqual({ kind: 'refused', reason: 'mapping_missing', detail: 'UNMAPPED-9' });
    expect(await placeSupplierOrder(tenant.tenantId, orders.find((order) => order.number === '#3202')!.id, actor)).toMatchObject({ kind: 'refused', reason: 'supplier_refused' });
    const { rows } = await pool().query<{ number: string; attention_reason: string; stage: string }>(`SELECT number, attention_reason, stage FROM orders WHERE tenant_id = $1 ORDER BY number`, [tenant.tenantId]);
    expect(rows).toEqual([
      { number: '#3201', attention_reason: 'supplier_mapping_missing: UNMAPPED-9', stage: 'to_order' },
      { number: '#3202', attention_reason: expect.stringContaining('INVENTORY_HOLD_ERROR'), stage: 'to_order' },
    ]);
    expect(await fakeAliExpress.orders()).not.toContainEqual(expect.objectContaining({ productIds: ['1005001000099'] }));
  });

  it('splits one hub order into one AliExpress order per seller, and places it only once', async () => {
    const tenant = await createTestTenant();
    const { shop } = await connectedShopifyStore(tenant.tenantId);
    const { aeUserId } = await linkAliExpress(tenant);
    await mapSkus(tenant.tenantId, [
      { sku: 'SPLIT-A', productId: '1005001000201', seller: 'seller-a' },
      { sku: 'SPLIT-B', productId: '1005001000202', seller: 'seller-b' },
    ]);
    await shopifyOrder(shop, {
      id: '9320000000001',
      number: 3301,
      customer: address,
      lines: [
        { sku: 'SPLIT-A', title: 'A', quantity: 2, price: '5.00' },
        { sku: 'SPLIT-B', title: 'B', quantity: 1, price: '7.00' },
      ],
    });
    const [order] = await settledOrders(tenant.tenantId, 1);
    const actor = { type: 'user' as const, id: tenant.userId };
    const placed = await placeSupplierOrder(tenant.tenantId, order!.id, actor);
    expect(placed).toMatchObject({ kind: 'placed', externalIds: [expect.any(String), expect.any(String)] });
    expect(await placeSupplierOrder(tenant.tenantId, order!.id, actor)).toEqual({ kind: 'already_placed' });
    expect(await fakeAliExpress.orders(aeUserId)).toHaveLength(2);
    expect((await getOrder(tenant.tenantId, order!.id)).supplierOrders).toHaveLength(2);
    expect((await findOrders(tenant.tenantId))[0]).toMatchObject({ status: 'paid' });
    const { rows } = await pool().query(`SELECT stage FROM orders WHERE tenant_id = $1`, [tenant.tenantId]);
    expect(rows[0].stage).toBe('awaiting_supplier');
  });
});
