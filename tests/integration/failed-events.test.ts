import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { listFailedEvents } from '@/lib/events/list-failed-events';
import { ignoreFailedEvent, retryFailedEvent } from '@/lib/events/resolve-failed-event';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { addShopifyStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify } from '@/tests/support/webhooks';
import { findEvents, findOrders, settledOrders } from '@/tests/support/orders';

describe('failed events', () => {
  it('flags the order of a failed update, lists the event, and clears both when it is ignored', async () => {
    const tenant = await createTestTenant();
    const { shopDomain, storeId } = await addShopifyStore(tenant.tenantId);
    await sendShopify({ shopDomain, body: shopifyOrderBody({ id: '9600000000001', number: 5100 }) });
    await settledOrders(tenant.tenantId, 1);
    const broken = JSON.parse(shopifyOrderBody({ id: '9600000000001', number: 5100, updatedAt: '2026-11-26T00:00:00Z' }));
    broken.currency = 'dollars';
    await sendShopify({ shopDomain, topic: 'orders/updated', body: JSON.stringify(broken) });
    const [order] = await settledOrders(tenant.tenantId, 2);
    const { rows } = await pool().query(`SELECT attention_reason FROM orders WHERE tenant_id = $1 AND id = $2`, [tenant.tenantId, order!.id]);
    expect(rows[0].attention_reason).toBe('sync_failed');

    const failed = await listFailedEvents(tenant.tenantId, null);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ storeId, topic: 'orders/updated', orderId: order!.id });
    expect(failed[0]!.reason).toContain('currency');
    expect(await listFailedEvents(tenant.tenantId, ['sto_other'])).toEqual([]);

    const scope = { tenantId: tenant.tenantId, visibleStoreIds: null, actor: { type: 'user' as const, id: tenant.userId } };
    await ignoreFailedEvent(scope, failed[0]!.id);
    expect(await listFailedEvents(tenant.tenantId, null)).toEqual([]);
    const after = await pool().query(`SELECT attention_reason FROM orders WHERE tenant_id = $1 AND id = $2`, [tenant.tenantId, order!.id]);
    expect(after.rows[0].attention_reason).toBeNull();
    await expect(ignoreFailedEvent(scope, failed[0]!.id)).rejects.toThrow(/No failed event/);
  });

  it('retries a failed event once its cause is fixed', async () => {
    const tenant = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenant.tenantId);
    await sendShopify({ shopDomain, body: shopifyOrderBody({ id: '9600000000002', number: 5200 }) });
    await settledOrders(tenant.tenantId, 1);
    const [event] = await findEvents(tenant.tenantId);
    await pool().query(`UPDATE webhook_events SET status = 'FAILED', last_error = 'simulated outage' WHERE tenant_id = $1 AND id = $2`, [tenant.tenantId, event!.id]);
    await pool().query(`DELETE FROM orders WHERE tenant_id = $1`, [tenant.tenantId]);

    const other = await createTestTenant();
    const foreignScope = { tenantId: other.tenantId, visibleStoreIds: null, actor: { type: 'user' as const, id: other.userId } };
    await expect(retryFailedEvent(foreignScope, event!.id)).rejects.toThrow(/No failed event/);

    await retryFailedEvent({ tenantId: tenant.tenantId, visibleStoreIds: null, actor: { type: 'user', id: tenant.userId } }, event!.id);
    const orders = await settledOrders(tenant.tenantId, 1);
    // The deleted order's #5200 is never handed out again, nor is the #5200-1 it would have become.
    expect(orders.map((order) => order.number)).toEqual(['#5200-2']);
    expect((await findEvents(tenant.tenantId))[0]!.status).toBe('PROCESSED');
    const audit = await pool().query(`SELECT action, actor_id FROM audit_events WHERE tenant_id = $1 AND subject_id = $2`, [tenant.tenantId, event!.id]);
    expect(audit.rows).toEqual([{ action: 'webhook_event.retried', actor_id: tenant.userId }]);
    expect(await findOrders(tenant.tenantId)).toHaveLength(1);
  });
});
