import { isDatabaseUnavailable } from '@/lib/db/client';
import { currentTenantId, outsideTenant, withTenant } from '@/lib/db/tenant-scope';

// Work that many jobs of a worker ask for at the same moment, done together: what arrives while
// earlier batches are in flight waits and goes out as one batch of one tenant, in its scope. Every
// write, transaction and round trip wakes Postgres and costs CPU on both sides
// (bench/results/2026-11-27-notes.md); a request alone goes out at once.

export type TBatchedByTenant<I extends { tenantId: string }, O> = {
  /** Batches of one tenant in flight at once (other tenants' go out beside them). */
  batchesAtOnce: number;
  /** Requests in one batch at most. */
  requestsAtOnce: number;
  /** Keys two requests of one batch must not share (none by default). */
  keysOf?: (request: I) => string[];
  /** Does a batch of one tenant's requests, inside its scope: one result per request, in their order. */
  run: (requests: I[]) => Promise<O[]>;
  /**
   * Does one request alone: a batch of one, and each request again when its batch failed (unless
   * Postgres is out of reach), so a request fails only for what is wrong with it. By default
   * `run` of that one request.
   */
  runAlone?: (request: I) => Promise<O>;
};

type TWaiting<I, O> = { request: I; keys: string[]; resolve: (result: O) => void; reject: (error: unknown) => void };

/** A function that does one request as `runAlone` would, in a batch with others asked for meanwhile. */
export function batchedByTenant<I extends { tenantId: string }, O>(options: TBatchedByTenant<I, O>): (request: I) => Promise<O> {
  const runAlone = options.runAlone ?? (async (request: I) => (await options.run([request]))[0]!);
  const waiting: TWaiting<I, O>[] = [];
  const inFlight = new Map<string, number>();
  let isFlushScheduled = false;

  const scheduleFlush = () => {
    if (isFlushScheduled) return;
    isFlushScheduled = true;
    // After the jobs of this turn of the event loop have asked; in no tenant's scope.
    outsideTenant(() => setImmediate(flush));
  };

  const flush = () => {
    isFlushScheduled = false;
    for (let batch = takeBatch(); batch; batch = takeBatch()) {
      const tenantId = batch[0]!.request.tenantId;
      inFlight.set(tenantId, (inFlight.get(tenantId) ?? 0) + 1);
      void runBatch(batch).finally(() => {
        const left = inFlight.get(tenantId)! - 1;
        if (left) inFlight.set(tenantId, left);
        else inFlight.delete(tenantId);
        if (waiting.length) scheduleFlush();
      });
    }
  };

  // The oldest waiting request of a tenant with room for a batch, and those of its tenant after
  // it that share no key with the batch.
  const takeBatch = (): TWaiting<I, O>[] | null => {
    const oldest = waiting.find((item) => (inFlight.get(item.request.tenantId) ?? 0) < options.batchesAtOnce);
    if (!oldest) return null;
    const tenantId = oldest.request.tenantId;
    const keys = new Set<string>();
    const batch: TWaiting<I, O>[] = [];
    const rest: TWaiting<I, O>[] = [];
    for (const item of waiting) {
      if (batch.length < options.requestsAtOnce && item.request.tenantId === tenantId && !item.keys.some((key) => keys.has(key))) {
        batch.push(item);
        for (const key of item.keys) keys.add(key);
      } else {
        rest.push(item);
      }
    }
    waiting.splice(0, waiting.length, ...rest);
    return batch;
  };

  const runBatch = async (batch: TWaiting<I, O>[]): Promise<void> => {
    const tenantId = batch[0]!.request.tenantId;
    const alone = (item: TWaiting<I, O>) => withTenant(tenantId, () => runAlone(item.request)).then(item.resolve, item.reject);
    if (batch.length === 1) return alone(batch[0]!);
    let results: O[];
    try {
      results = await withTenant(tenantId, () => options.run(batch.map((item) => item.request)));
    } catch (error) {
      // Postgres out of reach fails them all, and would fail each again only later.
      if (isDatabaseUnavailable(error)) return batch.forEach((item) => item.reject(error));
      // One request's failure failed all of them: each again alone, one after the other (at once,
      // they would wait for the pool's connections).
      for (const item of batch) await alone(item);
      return;
    }
    batch.forEach((item, index) => item.resolve(results[index]!));
  };

  return (request) =>
    new Promise<O>((resolve, reject) => {
      // Done in the request's tenant's scope: asked from another's, it would see that one's rows.
      const scope = currentTenantId();
      if (scope && scope !== request.tenantId) throw new Error(`A request for tenant ${request.tenantId} inside the scope of tenant ${scope}`);
      waiting.push({ request, keys: options.keysOf?.(request) ?? [], resolve, reject });
      scheduleFlush();
    });
}
