import { Agent, request } from 'node:http';
import { percentile } from '@/bench/lib/percentile';
import type { TDelivery, TLoadResult } from '@/bench/lib/load-result';

/**
 * Sends at a steady rate, open loop: request i leaves at start + i/rate whatever the earlier ones
 * are doing, and its latency counts from that moment. autocannon's own rate limit sends each
 * second's quota in one burst, which is not "a steady 200/s", hence this small pacer.
 */
export async function paceRequests(options: { baseUrl: string; rate: number; count: number; next: () => TDelivery }): Promise<TLoadResult> {
  const target = new URL(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const kinds = new Map<string, number>();
  const start = performance.now();
  const inFlight: Promise<void>[] = [];

  const send = (delivery: TDelivery, scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const done = (kind: string) => {
        latencies.push(performance.now() - scheduledAt);
        if (kind === 'ok') ok++;
        else {
          errors++;
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
        resolve();
      };
      const outgoing = request(
        { host: target.hostname, port: target.port, path: delivery.path, method: 'POST', agent, headers: delivery.headers, timeout: 10_000 },
        (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          response.once('end', () => done(status >= 200 && status < 300 ? 'ok' : String(status)));
        },
      );
      let isTimedOut = false;
      outgoing.once('error', () => done(isTimedOut ? 'timeout' : 'connection'));
      outgoing.once('timeout', () => {
        isTimedOut = true;
        outgoing.destroy(new Error('timeout'));
      });
      outgoing.end(delivery.body);
    });

  for (let index = 0; index < options.count; index++) {
    const scheduledAt = start + (index * 1000) / options.rate;
    const wait = scheduledAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(options.next(), scheduledAt));
  }
  await Promise.all(inFlight);
  const durationMs = performance.now() - start;
  agent.destroy();
  return {
    sent: options.count,
    ok,
    errors,
    errorKinds: [...kinds].map(([kind, count]) => `${kind}×${count}`).join(', '),
    durationMs,
    okPerSecond: (ok * 1000) / durationMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
