import autocannon from 'autocannon';
import type { TDelivery, TLoadResult } from '@/bench/lib/load-result';

/**
 * Sends as fast as the server answers, with autocannon: `connections` requests in flight, for
 * `durationSeconds` or until `amount` are sent. `next` gives every request its own delivery.
 */
export async function blastRequests(options: {
  baseUrl: string;
  connections: number;
  durationSeconds?: number;
  amount?: number;
  next: () => TDelivery;
}): Promise<TLoadResult> {
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationSeconds ?? 600,
    amount: options.amount,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const delivery = options.next();
          return { ...request, method: 'POST', path: delivery.path, headers: delivery.headers, body: delivery.body };
        },
      },
    ],
  });
  const ok = result['2xx'];
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, stats]) => `${code}×${(stats as { count: number }).count}`);
  const kinds = [...statuses, result.timeouts ? `timeout×${result.timeouts}` : '', result.errors - result.timeouts > 0 ? `connection×${result.errors - result.timeouts}` : ''];
  const durationMs = result.duration * 1000;
  return {
    sent: result.requests.sent,
    ok,
    errors: result.non2xx + result.errors,
    errorKinds: kinds.filter(Boolean).join(', '),
    durationMs,
    okPerSecond: (ok * 1000) / durationMs,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
