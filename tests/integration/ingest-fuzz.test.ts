import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess, type TWorkerProcess } from '@/tests/support/processes';
import { shopifyOrder, tiktokOrder, toBody, validOrMutated, wooOrder, type TJson } from '@/tests/fuzz/payloads';
import { runAdapter, type TAdapterOutcome } from '@/tests/fuzz/check-adapter';

// The fuzzed payloads through the real pipeline: signed webhook → route → inbox → queue → a real
// worker process → adapter → recordOrder. Whatever the payload, the worker lives on and every
// event ends where the adapter says it must: PROCESSED with its order, or FAILED with the
// adapter's reason. This file has a queue and a worker of its own, so it can watch that worker.

const samplesPerPlatform = Number(process.env.FUZZ_PIPELINE_RUNS ?? 80);
const seed = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20_261_127);
const prefix = `${(process.env.QUEUE_PREFIX ?? '{hub}').replace(/}$/, '')}-fuzz}`;
let worker: TWorkerProcess;

beforeAll(async () => {
  process.env.QUEUE_PREFIX = prefix;
  worker = await startWorkerProcess('worker-fuzz', { QUEUE_PREFIX: prefix, INGEST_CONCURRENCY: '8' });
});

afterAll(async () => {
  await worker?.stop();
  const { closeProducer } = await import('@/lib/queue/producer');
  await closeProducer();
});

type TSample = { platform: string; storeId: string; body: string; expected: TAdapterOutcome; answer: { status: number; duplicate: boolean } };

describe('fuzzed payloads through the real pipeline', () => {
  it(`end PROCESSED with their order or FAILED with the adapter's reason, ${samplesPerPlatform} per platform`, async () => {
    const { pool } = await import('@/lib/db/client');
    const { normalizeShopifyOrder } = await import('@/lib/platforms/shopify/normalize-shopify-order');
    const { normalizeWooCommerceOrder } = await import('@/lib/platforms/woocommerce/normalize-woocommerce-order');
    const { normalizeTikTokOrder } = await import('@/lib/platforms/tiktok/normalize-tiktok-order');
    const { parseJsonLossless } = await import('@/lib/platforms/parse-json');
    const { createTestTenant, addShopifyStore, addWooStore, addTikTokStore } = await import('@/tests/support/tenants');
    const { sendShopify, sendTikTok, sendWoo } = await import('@/tests/support/webhooks');
    const { seedFakeTikTokShop } = await import('@/tests/fakes/tiktok-shop');
    const { tiktokNotificationBody } = await import('@/tests/fixtures/tiktok');
    const { waitFor } = await import('@/tests/support/wait');

    const { tenantId } = await createTestTenant('Fuzzed merchant');
    const shopify = await addShopifyStore(tenantId);
    const woo = await addWooStore(tenantId);
    const tiktok = await addTikTokStore(tenantId);
    const apiBase = process.env.TIKTOK_API_BASE!;
    await seedFakeTikTokShop(apiBase, { shop: { shopId: tiktok.shopId, cipher: tiktok.shopCipher, accessToken: tiktok.accessToken } });

    const samples: TSample[] = [];
    const answerOf = async (response: Response) => ({ status: response.status, duplicate: Boolean(((await response.json()) as { duplicate?: boolean }).duplicate) });

    for (const input of fc.sample(validOrMutated(shopifyOrder), { numRuns: samplesPerPlatform, seed })) {
      const answer = await answerOf(await sendShopify({ shopDomain: shopify.shopDomain, body: input.body }));
      samples.push({ platform: 'shopify', storeId: shopify.storeId, body: input.body, expected: runAdapter(normalizeShopifyOrder, input.body), answer });
    }
    for (const input of fc.sample(validOrMutated(wooOrder), { numRuns: samplesPerPlatform, seed })) {
      const answer = await answerOf(await sendWoo({ ...woo, secret: woo.webhookSecret, body: input.body }));
      samples.push({ platform: 'woocommerce', storeId: woo.storeId, body: input.body, expected: runAdapter(normalizeWooCommerceOrder, input.body), answer });
    }
    // TikTok webhooks only name the order; the worker fetches it from the fake API. The order id
    // stays put (the notification names it), everything else is fuzzed.
    for (const [index, input] of fc.sample(validOrMutated(tiktokOrder), { numRuns: samplesPerPlatform, seed }).entries()) {
      const orderId = input.expected.externalId;
      const parsed = parseJsonLossless(input.body) as TJson;
      const order: TJson = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...(parsed as { [key: string]: TJson }), id: orderId } : { id: orderId, junk: parsed };
      // What the worker will read: the fake answers with this object as JSON.
      const detail = JSON.stringify(parseJsonLossless(toBody(order)));
      await seedFakeTikTokShop(apiBase, { order: { cipher: tiktok.shopCipher, order: JSON.parse(detail) as Record<string, unknown> } });
      const body = tiktokNotificationBody({ shopId: tiktok.shopId, orderId, updateTime: 1_795_000_000 + index, notificationId: `fuzz-${seed}-${index}` });
      const answer = await answerOf(await sendTikTok({ body }));
      samples.push({ platform: 'tiktok', storeId: tiktok.storeId, body, expected: runAdapter(normalizeTikTokOrder, detail), answer });
    }

    // Every webhook is answered 200 (a repeat of an earlier dedup key says so).
    expect(samples.filter((sample) => sample.answer.status !== 200)).toEqual([]);
    const fresh = samples.filter((sample) => !sample.answer.duplicate);

    await waitFor(
      async () => {
        const { rows } = await pool().query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM webhook_events WHERE tenant_id = $1 AND status NOT IN ('PROCESSED', 'FAILED', 'IGNORED')`,
          [tenantId],
        );
        return rows[0]!.waiting === 0;
      },
      'every fuzzed event to settle',
      120_000,
    );

    const { rows: events } = await pool().query<{ store_id: string; raw_body: string; status: string; last_error: string | null; external_id: string | null }>(
      `SELECT e.store_id, e.raw_body, e.status, e.last_error, o.external_id
         FROM webhook_events e LEFT JOIN orders o ON o.tenant_id = e.tenant_id AND o.id = e.order_id
        WHERE e.tenant_id = $1`,
      [tenantId],
    );
    const byBody = new Map(events.map((event) => [`${event.store_id}\n${event.raw_body}`, event]));
    const mismatches = fresh.flatMap((sample) => {
      const event = byBody.get(`${sample.storeId}\n${sample.body}`);
      // A failed event may point at its order (a failed update of a known order flags it).
      const got = !event
        ? 'no inbox row'
        : sample.expected.kind === 'order'
          ? { status: event.status, lastError: event.last_error, externalId: event.external_id }
          : { status: event.status, lastError: event.last_error };
      const want =
        sample.expected.kind === 'order'
          ? { status: 'PROCESSED', lastError: null, externalId: sample.expected.order.externalId }
          : { status: 'FAILED', lastError: sample.expected.reason.slice(0, 2000) };
      return JSON.stringify(got) === JSON.stringify(want) ? [] : [{ platform: sample.platform, body: sample.body.slice(0, 300), want, got }];
    });
    expect(mismatches).toEqual([]);

    // The pipeline saw both kinds, and the worker never went down.
    expect(fresh.filter((sample) => sample.expected.kind === 'order').length).toBeGreaterThan(samples.length / 5);
    expect(fresh.filter((sample) => sample.expected.kind === 'rejected').length).toBeGreaterThan(samples.length / 5);
    expect(worker.child.exitCode).toBeNull();
    expect(worker.child.signalCode).toBeNull();
  });
});
