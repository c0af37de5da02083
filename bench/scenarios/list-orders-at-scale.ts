import type pg from 'pg';
import { createBenchTenant } from '@/bench/lib/bench-stores';
import { lastNames, skuOf } from '@/bench/lib/generate-orders';
import { loadOrders } from '@/bench/lib/load-orders';
import { percentile } from '@/bench/lib/percentile';
import { encodeCursor, listOrders, type TListOrdersQuery } from '@/lib/orders/list-orders';

export type TTiming = { p50Ms: number; p95Ms: number };
export type TListCase = { name: string; api: TTiming; sql: TTiming; limitMs: number; errors: number };
export type TListing = { loadSeconds: number; cases: TListCase[] };

type TCase = { name: string; limitMs: number; queries: TListOrdersQuery[] };

async function cursorAt(pool: pg.Pool, tenantId: string, depth: number): Promise<string> {
  const { rows } = await pool.query<{ placed_at: Date; id: string }>(
    'SELECT placed_at, id FROM orders WHERE tenant_id = $1 ORDER BY placed_at DESC, id DESC OFFSET $2 LIMIT 1',
    [tenantId, depth - 1],
  );
  return encodeCursor({ placedAt: rows[0]!.placed_at, id: rows[0]!.id });
}

/** The queries of issue 6, each with a few variants so no case is one cached answer. */
async function listCases(pool: pg.Pool, tenantId: string, storeIds: string[], tenantOrders: number): Promise<TCase[]> {
  const { rows: sample } = await pool.query<{ source_number: string }>(
    `SELECT source_number FROM orders TABLESAMPLE SYSTEM (1) WHERE tenant_id = $1 AND platform <> 'tiktok' LIMIT 10`,
    [tenantId],
  );
  const deep = Math.min(100_000, Math.floor(tenantOrders * 0.8));
  const variants = [0, 1, 2, 3, 4];
  return [
    { name: 'first page', limitMs: 20, queries: [{}] },
    { name: 'page 10k deep (cursor)', limitMs: 20, queries: [{ cursor: await cursorAt(pool, tenantId, 10_000) }] },
    { name: `page ${deep / 1000}k deep (cursor)`, limitMs: 20, queries: [{ cursor: await cursorAt(pool, tenantId, deep) }] },
    { name: 'status filter', limitMs: 20, queries: ['refunded', 'pending', 'cancelled'].map((status) => ({ status })) },
    { name: 'store filter', limitMs: 20, queries: storeIds.map((store) => ({ store })) },
    { name: 'number search', limitMs: 10, queries: sample.map((row, index) => ({ q: index % 2 ? `#${row.source_number}` : row.source_number })) },
    { name: 'email substring', limitMs: 100, queries: variants.map((index) => ({ q: lastNames[index * 397]!.toLowerCase() })) },
    { name: 'SKU search', limitMs: 20, queries: variants.map((index) => ({ q: skuOf(index * 577 + 11) })) },
  ];
}

async function time(samples: number, queries: TListOrdersQuery[], run: (query: TListOrdersQuery) => Promise<boolean>): Promise<TTiming & { errors: number }> {
  const durations: number[] = [];
  let errors = 0;
  for (let index = -3; index < samples; index++) {
    const started = performance.now();
    const isOk = await run(queries[(index + queries.length * 3) % queries.length]!);
    if (index >= 0) durations.push(performance.now() - started);
    if (!isOk) errors++;
  }
  return { p50Ms: percentile(durations, 50), p95Ms: percentile(durations, 95), errors };
}

/** One request through GET /api/v1/orders: true when it answers 200 with at least one order. */
async function askApi(baseUrl: string, apiKey: string, query: TListOrdersQuery): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/v1/orders?${new URLSearchParams(query as Record<string, string>)}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const body = (await response.json()) as { data?: unknown[] };
  return response.ok && Array.isArray(body.data) && body.data.length > 0;
}

/** Rounds over every case, untimed, before any is timed (see timeListQueries). */
const warmUpRounds = 30;

/**
 * Times each query through the API and in-process, `samples` times after 3 warm-ups. First,
 * `warmUpRounds` untimed rounds over all the cases: a web process that has just started compiles
 * its code as the first few hundred requests come (GET /api/health: 3.9 ms at the median over its
 * first 300 requests, 2.2 ms over the next 3,000), and the figures are for a process that has
 * been serving for a while.
 */
export async function timeListQueries(input: {
  baseUrl: string;
  pool: pg.Pool;
  tenantId: string;
  apiKey: string;
  storeIds: string[];
  tenantOrders: number;
  samples: number;
}): Promise<TListCase[]> {
  const items = await listCases(input.pool, input.tenantId, input.storeIds, input.tenantOrders);
  for (let round = 0; round < warmUpRounds; round++) {
    for (const item of items) {
      const query = item.queries[round % item.queries.length]!;
      await askApi(input.baseUrl, input.apiKey, query);
      await listOrders(input.tenantId, query);
    }
  }
  const cases: TListCase[] = [];
  for (const item of items) {
    const api = await time(input.samples, item.queries, (query) => askApi(input.baseUrl, input.apiKey, query));
    const sql = await time(input.samples, item.queries, async (query) => (await listOrders(input.tenantId, query)).data.length > 0);
    cases.push({ name: item.name, limitMs: item.limitMs, api, sql, errors: api.errors });
  }
  return cases;
}

/**
 * Scenario 3: loads the orders, then times each query through GET /api/v1/orders (one request at
 * a time) and, as the baseline, the same listOrders() called in-process: its SQL without HTTP,
 * Next.js or the API-key check.
 */
export async function listOrdersAtScale(input: {
  baseUrl: string;
  pool: pg.Pool;
  databaseUrl: string;
  tenantOrders: number;
  otherOrders: number;
  samples: number;
  say: (message: string) => void;
}): Promise<TListing> {
  const tenant = await createBenchTenant('Bench order list', { shopify: 2, woo: 2, tiktok: 1 });
  const stores = [
    ...tenant.shopify.map((store) => ({ storeId: store.storeId, platform: 'shopify' })),
    ...tenant.woo.map((store) => ({ storeId: store.storeId, platform: 'woocommerce' })),
    ...tenant.tiktok.map((store) => ({ storeId: store.storeId, platform: 'tiktok' })),
  ];
  const started = performance.now();
  await loadOrders(
    input.databaseUrl,
    { big: { tenantId: tenant.tenantId, stores }, bigOrders: input.tenantOrders, total: input.tenantOrders + input.otherOrders, otherTenants: 36 },
    input.say,
  );
  const loadSeconds = (performance.now() - started) / 1000;
  input.say(`loaded in ${loadSeconds.toFixed(0)} s; timing the queries…`);

  const cases = await timeListQueries({ ...input, tenantId: tenant.tenantId, apiKey: tenant.apiKey, storeIds: stores.map((store) => store.storeId) });
  return { loadSeconds, cases };
}
