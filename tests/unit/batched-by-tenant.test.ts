import { describe, expect, it } from 'vitest';
import { batchedByTenant } from '@/lib/db/batched-by-tenant';
import { currentTenantId, withTenant } from '@/lib/db/tenant-scope';

// The batching behind the worker's event loads and order records (lib/db/batched-by-tenant.ts),
// with the work itself replaced by a record of what each batch was asked and in which scope.

type TRequest = { tenantId: string; id: string; key?: string; isBroken?: boolean; isDatabaseDown?: boolean };

function recorder(options: { batchesAtOnce?: number; requestsAtOnce?: number } = {}) {
  const batches: Array<{ scope: string | null; ids: string[] }> = [];
  const alone: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const work = async (requests: TRequest[]) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    if (requests.some((request) => request.isDatabaseDown)) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    if (requests.some((request) => request.isBroken)) throw new Error(`broken among ${requests.map((request) => request.id).join(',')}`);
    return requests.map((request) => `${currentTenantId()}:${request.id}`);
  };
  const ask = batchedByTenant<TRequest, string>({
    batchesAtOnce: options.batchesAtOnce ?? 2,
    requestsAtOnce: options.requestsAtOnce ?? 16,
    keysOf: (request) => (request.key ? [request.key] : []),
    run: async (requests) => {
      batches.push({ scope: currentTenantId(), ids: requests.map((request) => request.id) });
      return work(requests);
    },
    runAlone: async (request) => {
      alone.push(request.id);
      return (await work([request]))[0]!;
    },
  });
  // Asked from inside the tenant's scope, as the worker's jobs ask.
  const askAs = (request: TRequest) => withTenant(request.tenantId, () => ask(request));
  return { ask, askAs, batches, alone, mostInFlight: () => mostInFlight };
}

describe('batchedByTenant', () => {
  it('does what is asked at one moment in batches of one tenant each, in that tenant’s scope, each result to its asker', async () => {
    const { askAs, batches, alone } = recorder();
    const requests = ['a', 'b', 'a', 'b', 'a'].map((tenant, index) => ({ tenantId: `ten_${tenant}`, id: `r${index}` }));
    const results = await Promise.all(requests.map(askAs));
    expect(results).toEqual(['ten_a:r0', 'ten_b:r1', 'ten_a:r2', 'ten_b:r3', 'ten_a:r4']);
    expect(batches).toEqual([
      { scope: 'ten_a', ids: ['r0', 'r2', 'r4'] },
      { scope: 'ten_b', ids: ['r1', 'r3'] },
    ]);
    expect(alone).toEqual([]);
  });

  it('keeps requests that share a key apart, and sizes batches and batches in flight by its limits', async () => {
    const { askAs, batches, mostInFlight } = recorder({ batchesAtOnce: 2, requestsAtOnce: 3 });
    const keys = ['k1', 'k2', 'k1', 'k3', 'k1', 'k4', 'k5', 'k6'];
    await Promise.all(keys.map((key, index) => askAs({ tenantId: 'ten_a', id: `r${index}`, key })));
    expect(batches.map((batch) => batch.ids)).toEqual([
      ['r0', 'r1', 'r3'],
      ['r2', 'r5', 'r6'],
      ['r4', 'r7'],
    ]);
    expect(mostInFlight()).toBe(2);
  });

  it('does a lone request alone, and each request of a failed batch again alone: only the broken one fails', async () => {
    const { askAs, batches, alone } = recorder();
    expect(await askAs({ tenantId: 'ten_a', id: 'single' })).toBe('ten_a:single');
    expect(alone).toEqual(['single']);
    const settled = await Promise.allSettled(['r0', 'r1', 'r2'].map((id) => askAs({ tenantId: 'ten_a', id, isBroken: id === 'r1' })));
    expect(batches.map((batch) => batch.ids)).toEqual([['r0', 'r1', 'r2']]);
    expect(alone).toEqual(['single', 'r0', 'r1', 'r2']);
    expect(settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message))).toEqual([
      'ten_a:r0',
      'broken among r1',
      'ten_a:r2',
    ]);
  });

  it('fails every request of a batch at once when Postgres is out of reach, without asking again for each', async () => {
    const { askAs, batches, alone } = recorder();
    const settled = await Promise.allSettled(['r0', 'r1', 'r2'].map((id) => askAs({ tenantId: 'ten_a', id, isDatabaseDown: true })));
    expect(settled.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(settled.map((outcome) => (outcome as PromiseRejectedResult).reason.code)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(batches).toHaveLength(1);
    expect(alone).toEqual([]);
  });

  it('keeps its limit of batches in flight per tenant: another tenant’s batch does not wait behind it', async () => {
    const { askAs, batches, mostInFlight } = recorder({ batchesAtOnce: 1 });
    const first = askAs({ tenantId: 'ten_a', id: 'r0' });
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([first, askAs({ tenantId: 'ten_a', id: 'r1' }), askAs({ tenantId: 'ten_b', id: 'r2' })]);
    expect(batches).toEqual([]);
    expect(mostInFlight()).toBe(2);
  });

  it('refuses a request for one tenant asked from inside another tenant’s scope', async () => {
    const { ask, batches, alone } = recorder();
    await expect(withTenant('ten_a', () => ask({ tenantId: 'ten_b', id: 'r0' }))).rejects.toThrow('inside the scope of tenant ten_a');
    expect(batches).toEqual([]);
    expect(alone).toEqual([]);
  });
});
