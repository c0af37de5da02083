import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { sweepInbox } from '@/lib/ingest/sweep-inbox';
import { findIngestJobState } from '@/lib/queue/ingest-queue';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { findEvents, settledOrders } from '@/tests/support/orders';
import { addShopifyStore, createTestTenant } from '@/tests/support/tenants';
import { waitFor } from '@/tests/support/wait';
import { sendShopify } from '@/tests/support/webhooks';

describe('inbox sweeper', () => {
  it('runs an event again whose job finished but whose result Postgres lost', async () => {
    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    await sendShopify({ shopDomain, body: shopifyOrderBody({ id: '9800000000001', number: 801 }) });
    await settledOrders(tenantId, 1);
    const [event] = await findEvents(tenantId);
    await waitFor(async () => (await findIngestJobState(event!.id)) === 'completed', 'the job to complete');

    // What a failover to a replica behind by a few commits leaves: the event QUEUED, its job done.
    await pool().query(
      `UPDATE webhook_events SET status = 'QUEUED', queued_at = now() - interval '2 minutes', processed_at = NULL WHERE tenant_id = $1`,
      [tenantId],
    );
    await waitFor(async () => (await sweepInbox()).examined > 0 || (await findEvents(tenantId))[0]?.status === 'PROCESSED', 'a sweep');
    const [again] = await waitFor(async () => {
      const events = await findEvents(tenantId);
      return events[0]?.status === 'PROCESSED' && events;
    }, 'the event to be processed again');
    expect(again).toMatchObject({ id: event!.id, status: 'PROCESSED', attempts: 2 });
    expect((await settledOrders(tenantId, 1)).map((order) => order.number)).toEqual(['#801']);
  });
});
