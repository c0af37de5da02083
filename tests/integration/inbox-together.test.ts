import { describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { acceptWebhookEvent, type TIncomingEvent } from '@/lib/webhooks/accept-webhook-event';
import { addShopifyStore, createTestTenant } from '@/tests/support/tenants';

// The web process inserts the webhooks of one tenant it receives at the same moment in one
// statement (acceptWebhookEvent). Each must come out as alone: stored once, a repeat a repeat, a
// webhook Postgres refuses refused alone. The events here are of a topic kept as IGNORED, so no
// job picks them up and changes them.

async function setUp() {
  const { tenantId } = await createTestTenant('Inbox together');
  const { storeId } = await addShopifyStore(tenantId);
  const event = (dedupKey: string, rawBody = '{"id":1}'): TIncomingEvent => ({
    tenantId,
    storeId,
    platform: 'shopify',
    topic: 'products/update',
    dedupKey,
    headers: { 'x-shopify-topic': 'products/update' },
    rawBody,
    ignoredReason: 'not an order topic',
  });
  const stored = async () =>
    (
      await pool().query<{ id: string; dedup_key: string; transaction: string }>(
        `SELECT id, dedup_key, xmin::text AS transaction FROM webhook_events WHERE tenant_id = $1 ORDER BY dedup_key`,
        [tenantId],
      )
    ).rows;
  return { event, stored };
}

describe('webhooks received together', () => {
  it('are stored in shared statements, each once, a repeat among them a repeat', async () => {
    const { event, stored } = await setUp();
    const keys = Array.from({ length: 12 }, (_, index) => `key-${String(index).padStart(2, '0')}`);
    const results = await Promise.all([...keys, 'key-03', 'key-03'].map((key) => acceptWebhookEvent(event(key))));
    expect(results.filter((result) => result.isRepeat)).toHaveLength(2);
    expect(results.every((result) => !result.isQueued)).toBe(true);
    const rows = await stored();
    expect(rows.map((row) => row.dedup_key)).toEqual(keys);
    // Each stored event has the id its acceptance answered.
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(results.filter((result) => !result.isRepeat).map((result) => result.eventId)));
    expect(new Set(rows.map((row) => row.transaction)).size).toBeLessThan(12);

    // Sent again later: every one a repeat, nothing added.
    const again = await Promise.all(keys.map((key) => acceptWebhookEvent(event(key))));
    expect(again.every((result) => result.isRepeat)).toBe(true);
    expect(await stored()).toHaveLength(12);
  });

  it('refuses a webhook Postgres cannot store alone, and stores those received with it', async () => {
    const { event, stored } = await setUp();
    const settled = await Promise.allSettled([
      acceptWebhookEvent(event('good-1')),
      acceptWebhookEvent(event('bad', '{"note":"\u0000"}')),
      acceptWebhookEvent(event('good-2')),
    ]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await stored()).map((row) => row.dedup_key)).toEqual(['good-1', 'good-2']);
  });
});
