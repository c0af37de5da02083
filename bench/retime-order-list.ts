// Re-times scenario 3 against the orders a full run left in the bench database, without loading
// them again (that takes minutes): `npm run bench:retime-list -- --label <name>`. Applies pending
// migrations first, so a change to indexes or search can be checked at full size.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { renderTable, writeResults } from '@/bench/lib/report';
import { resultRows } from '@/bench/lib/result-rows';
import { benchRoot } from '@/bench/lib/start-process';
import { startWeb } from '@/bench/lib/start-services';
import { timeListQueries } from '@/bench/scenarios/list-orders-at-scale';
import { createApiKey } from '@/lib/auth/api-keys';
import { disconnectDatabase } from '@/lib/db/client';
import { loadAverage } from '@/bench/lib/measure-cpu';

const { values } = parseArgs({ options: { label: { type: 'string', default: 'retimed' }, samples: { type: 'string', default: '40' } } });
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const startLoad = loadAverage();
const { rows } = await pool.query<{ id: string; orders: number }>(
  `SELECT t.id, (SELECT count(*)::int FROM orders o WHERE o.tenant_id = t.id) AS orders FROM tenants t WHERE t.name LIKE 'Bench order list %' ORDER BY t.created_at DESC LIMIT 1`,
);
const tenant = rows[0];
if (!tenant) throw new Error('No loaded order-list tenant in this database: run `npm run bench` (scenario 3) first');
const stores = await pool.query<{ id: string }>('SELECT id FROM stores WHERE tenant_id = $1 ORDER BY id', [tenant.id]);
const { apiKey } = await createApiKey(tenant.id, 'retime');
const port = Number(process.env.BENCH_PORT ?? 3203);
const web = await startWeb(port, process.env);
try {
  const cases = await timeListQueries({
    baseUrl: `http://127.0.0.1:${port}`, pool, tenantId: tenant.id, apiKey, storeIds: stores.rows.map((store) => store.id),
    tenantOrders: tenant.orders, samples: Number(values.samples),
  });
  const total = (await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM orders')).rows[0]!.count;
  const rowsOut = resultRows({ sizes: { steadySeconds: 0, maximumSeconds: 0, burstOrders: 0, hotOrders: 0, tenantOrders: tenant.orders, otherOrders: total - tenant.orders }, listing: { loadSeconds: Number.NaN, cases } }).filter((row) => !row.measure.startsWith('load'));
  process.stdout.write(`\n${renderTable(rowsOut)}\n\n`);
  const preamble = `# Scenario 3 re-timed ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on the data of the last full run\n\n${tenant.orders} orders in the tenant, ${total} in all. Load average at start ${startLoad.toFixed(1)}, at end ${loadAverage().toFixed(1)}.`;
  process.stdout.write(`[bench] written to ${writeResults(benchRoot, values.label, preamble, rowsOut).slice(benchRoot.length)}\n`);
} finally {
  await web.stop();
  await pool.end();
  await disconnectDatabase();
}
