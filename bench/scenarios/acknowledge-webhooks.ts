import type { TBenchTenant } from '@/bench/lib/bench-stores';
import { shopifyDelivery } from '@/bench/lib/build-deliveries';
import { blastRequests } from '@/bench/lib/blast-requests';
import type { TDelivery, TLoadResult } from '@/bench/lib/load-result';
import { paceRequests } from '@/bench/lib/pace-requests';
import { countCpu } from '@/bench/lib/measure-cpu';

export type TAcknowledgement = { steady: TLoadResult; maximum: TLoadResult; cpuMsPerWebhook: number };

/** Distinct, correctly signed Shopify orders/create webhooks, built as they are sent. */
export function shopifyDeliveries(tenant: TBenchTenant, base: number): () => TDelivery {
  let serial = base;
  return () => {
    serial++;
    const store = tenant.shopify[serial % tenant.shopify.length]!;
    return shopifyDelivery(store, { id: `58${String(serial).padStart(17, '0')}`, number: String(300_000_000 + serial), customerIndex: serial });
  };
}

/**
 * Scenario 1 against one server: a short warm-up, `steadySeconds` at 200/s, then
 * `maximumSeconds` as fast as 10 connections get answers, counting the server's CPU per webhook.
 */
export async function acknowledgeWebhooks(
  baseUrl: string,
  serverPid: number,
  next: () => TDelivery,
  sizes: { steadySeconds: number; maximumSeconds: number },
): Promise<TAcknowledgement> {
  await blastRequests({ baseUrl, connections: 10, amount: 2_000, next }); // JIT and pools warm, as in production
  const steady = await paceRequests({ baseUrl, rate: 200, count: 200 * sizes.steadySeconds, next });
  const cpu = countCpu(serverPid);
  const maximum = await blastRequests({ baseUrl, connections: 10, durationSeconds: sizes.maximumSeconds, next });
  return { steady, maximum, cpuMsPerWebhook: cpu.perOperation(maximum.ok) };
}
