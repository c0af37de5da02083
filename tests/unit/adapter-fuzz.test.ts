import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeShopifyOrder } from '@/lib/platforms/shopify/normalize-shopify-order';
import { normalizeWooCommerceOrder } from '@/lib/platforms/woocommerce/normalize-woocommerce-order';
import { normalizeTikTokOrder } from '@/lib/platforms/tiktok/normalize-tiktok-order';
import { runAdapter } from '@/tests/fuzz/check-adapter';
import { shopifyOrder, tiktokOrder, validOrMutated, wooOrder } from '@/tests/fuzz/payloads';

// Every platform adapter, fed generated webhook payloads: valid shapes with random values and
// mutations of them. It must return a canonical order Postgres can store, or a typed
// PayloadValidationError — never anything else. A fixed seed keeps `npm test` repeatable;
// FUZZ_SEED=random (and a larger FUZZ_RUNS) searches further.

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20_261_127);

const adapters = [
  { platform: 'Shopify', normalize: normalizeShopifyOrder, order: shopifyOrder },
  { platform: 'WooCommerce', normalize: normalizeWooCommerceOrder, order: wooOrder },
  { platform: 'TikTok Shop', normalize: normalizeTikTokOrder, order: tiktokOrder },
];

describe.each(adapters)('$platform adapter, fuzzed', ({ normalize, order }) => {
  it(`returns a canonical order or a PayloadValidationError for ${runs} generated payloads`, () => {
    const outcomes = { order: 0, rejected: 0 };
    fc.assert(
      fc.property(validOrMutated(order), (input) => {
        const outcome = runAdapter(normalize, input.body);
        outcomes[outcome.kind]++;
        if (input.isValid) {
          // A valid shape is an order, read right, whatever its values.
          expect(outcome).toMatchObject({ kind: 'order' });
          if (outcome.kind !== 'order') return;
          expect({ externalId: outcome.order.externalId, sourceNumber: outcome.order.sourceNumber, lineCount: outcome.order.lines.length }).toEqual(input.expected);
        }
      }),
      { numRuns: runs, seed },
    );
    expect(outcomes.order + outcomes.rejected).toBe(runs);
    // Both sides are exercised: plenty of orders get through, plenty are refused.
    expect(outcomes.order).toBeGreaterThan(runs / 5);
    expect(outcomes.rejected).toBeGreaterThan(runs / 5);
  }, 300_000);
});
