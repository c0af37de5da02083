// The benchmark runner (see scripts/bench.mjs, which prepares the database and the build first).
// Starts web, worker, the TikTok Shop fake and the baselines as processes of its own, runs the
// scenarios of issue 6, prints one table and writes it to bench/results/.
//   --quick                small sizes (under 2 minutes)     --only 1,2,3,4   some scenarios
//   --label <name>         bench/results/<date>-<name>.md    --tenant-orders N --other-orders N
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createBenchTenant } from '@/bench/lib/bench-stores';
import { clearQueue } from '@/bench/lib/clear-queue';
import { planMixedOrders, planSameNumberOrders } from '@/bench/lib/plan-orders';
import { renderTable, writeResults } from '@/bench/lib/report';
import { describeRun, resultRows } from '@/bench/lib/result-rows';
import { loadAverage } from '@/bench/lib/measure-cpu';
import { sampleRss } from '@/bench/lib/sample-rss';
import { watchIngest } from '@/bench/lib/wait-for-orders';
import { standInForAutovacuum } from '@/bench/lib/stand-in-for-autovacuum';
import { benchRoot } from '@/bench/lib/start-process';
import { baselineQueuePrefix, startMinimalWebhookServer, startTikTokShopFake, startWeb, startWorker } from '@/bench/lib/start-services';
import { acknowledgeWebhooks, shopifyDeliveries } from '@/bench/scenarios/acknowledge-webhooks';
import { allocateHotNumber } from '@/bench/scenarios/allocate-hot-number';
import { ingestEndToEnd } from '@/bench/scenarios/ingest-end-to-end';
import { listOrdersAtScale } from '@/bench/scenarios/list-orders-at-scale';
import { disconnectDatabase } from '@/lib/db/client';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    label: { type: 'string', default: '' },
    only: { type: 'string', default: '' },
    'tenant-orders': { type: 'string' },
    'other-orders': { type: 'string' },
  },
});
// steadyOrders: with 10% repeats, ~1.1 deliveries each, so 5 s (quick) or 30 s at 200/s.
const sizes = values.quick
  ? { steadySeconds: 5, maximumSeconds: 5, burstOrders: 2_000, steadyOrders: 900, hotOrders: 500, tenantOrders: 50_000, otherOrders: 150_000, samples: 15 }
  : { steadySeconds: 15, maximumSeconds: 15, burstOrders: 20_000, steadyOrders: 5_450, hotOrders: 1_000, tenantOrders: 1_000_000, otherOrders: 9_000_000, samples: 40 };
if (values['tenant-orders']) sizes.tenantOrders = Number(values['tenant-orders']);
if (values['other-orders']) sizes.otherOrders = Number(values['other-orders']);
const only = new Set(values.only ? values.only.split(',') : ['1', '2', '3', '4']);
// BENCH_PORT and the two after it; the default sits beside this checkout's PORT (.env).
const firstPort = Number(process.env.BENCH_PORT ?? 3203);
const ports = { web: firstPort, baseline: firstPort + 1, tiktok: firstPort + 2 };
const env = process.env;
const databaseUrl = env.DATABASE_URL!;
const say = (message: string) => process.stdout.write(`[bench] ${message}\n`);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
const watch = watchIngest(pool, env.REDIS_URL!, env.QUEUE_PREFIX!);
const running: Array<{ stop: () => Promise<void> }> = [];
process.on('SIGINT', () => void Promise.all(running.map((child) => child.stop())).then(() => process.exit(130)));

async function main() {
  const startLoad = loadAverage();
  say(`${values.quick ? 'quick' : 'full'} run on database ${new URL(databaseUrl).pathname.slice(1)}, queue prefix ${env.QUEUE_PREFIX}`);
  const autovacuum = await standInForAutovacuum(pool);
  if (autovacuum.isStandingIn) say('autovacuum is off on this Postgres: the bench runs its ANALYZE every 10 s instead');
  const ackTenant = await createBenchTenant('Bench acknowledgement', { shopify: 4, woo: 0, tiktok: 0 });
  const e2eTenant = await createBenchTenant('Bench end to end', { shopify: 2, woo: 2, tiktok: 1 });
  const warmTenant = await createBenchTenant('Bench warm-up', { shopify: 1, woo: 1, tiktok: 1 });
  const directTenant = await createBenchTenant('Bench direct SQL', { shopify: 2, woo: 2, tiktok: 1 });
  const hotTenant = await createBenchTenant('Bench hot number', { shopify: 5, woo: 5, tiktok: 0 });
  const hotDirectTenant = await createBenchTenant('Bench hot number direct', { shopify: 5, woo: 5, tiktok: 0 });

  say('planning orders…');
  const warmPlan = planMixedOrders(warmTenant, 1_000, 50_000_000);
  const burst = planMixedOrders(e2eTenant, sizes.burstOrders, 0);
  const steady = planMixedOrders(e2eTenant, sizes.steadyOrders, 10_000_000);
  const directPlan = planMixedOrders(directTenant, sizes.burstOrders, 20_000_000);
  const hotPlan = planSameNumberOrders(hotTenant, sizes.hotOrders, 30_000_000, '4242');
  const hotDirectPlan = planSameNumberOrders(hotDirectTenant, sizes.hotOrders, 40_000_000, '4242');

  const tiktok = await startTikTokShopFake(ports.tiktok, env, {
    shops: [...e2eTenant.tiktok, ...warmTenant.tiktok].map((store) => ({ shopId: store.shopId, cipher: store.shopCipher, accessToken: store.accessToken })),
    orders: [...warmPlan.tiktokOrders, ...burst.tiktokOrders, ...steady.tiktokOrders],
  });
  running.push(tiktok);
  const web = await startWeb(ports.web, env);
  running.push(web);
  const webRss = sampleRss(web.pid);
  const baseUrl = `http://127.0.0.1:${ports.web}`;
  const results: Parameters<typeof resultRows>[0] = { sizes };

  if (only.has('1')) {
    say('scenario 1: webhook acknowledgement (worker stopped: the web process alone)…');
    results.acknowledgement = await acknowledgeWebhooks(baseUrl, web.pid, shopifyDeliveries(ackTenant, 0), sizes);
    const minimal = await startMinimalWebhookServer(ports.baseline, env);
    running.push(minimal);
    const minimalRss = sampleRss(minimal.pid);
    results.minimalAcknowledgement = await acknowledgeWebhooks(`http://127.0.0.1:${ports.baseline}`, minimal.pid, shopifyDeliveries(ackTenant, 5_000_000), sizes);
    results.minimalPeakRss = minimalRss.stop();
    await minimal.stop();
    // What scenario 1 left behind must not be ingested during scenario 2.
    await pool.query('DELETE FROM webhook_events WHERE tenant_id = $1', [ackTenant.tenantId]);
    await clearQueue(env.REDIS_URL!, env.QUEUE_PREFIX!);
    await clearQueue(env.REDIS_URL!, baselineQueuePrefix(env));
  }

  const worker = await startWorker({ ...env, TIKTOK_API_BASE: `http://127.0.0.1:${ports.tiktok}` });
  running.push(worker);
  const workerRss = sampleRss(worker.pid);
  const workerPool = Number(env.DATABASE_POOL_SIZE ?? 10);
  if (only.has('2')) {
    say(`scenario 2: end to end, ${burst.deliveries.length} webhooks for ${burst.orderCount} orders, then 200/s…`);
    results.endToEnd = await ingestEndToEnd({
      baseUrl, webPid: web.pid, workerPid: worker.pid, pool, watch, databaseUrl, tenantId: e2eTenant.tenantId, warmUp: { tenantId: warmTenant.tenantId, plan: warmPlan }, burst, steady,
      baselineTenantId: directTenant.tenantId, baselinePlan: directPlan, baselineConnections: workerPool,
    });
  }
  const webPeakRss = webRss.stop();
  const workerPeakRss = workerRss.stop();
  if (only.has('1') || only.has('2')) results.webPeakRss = webPeakRss;
  if (only.has('2')) results.workerPeakRss = workerPeakRss;

  if (only.has('4')) {
    say(`scenario 4: ${sizes.hotOrders} orders with one number…`);
    results.hotNumber = await allocateHotNumber({
      baseUrl, pool, watch, databaseUrl, tenantId: hotTenant.tenantId, number: '4242', plan: hotPlan,
      baselineTenantId: hotDirectTenant.tenantId, baselinePlan: hotDirectPlan, baselineConnections: workerPool,
    });
  }
  await worker.stop();
  await tiktok.stop();
  await autovacuum.stop();

  if (only.has('3')) {
    say(`scenario 3: loading ${sizes.tenantOrders} + ${sizes.otherOrders} orders…`);
    results.listing = await listOrdersAtScale({ baseUrl, pool, databaseUrl, tenantOrders: sizes.tenantOrders, otherOrders: sizes.otherOrders, samples: sizes.samples, say });
  }
  await web.stop();

  const rows = resultRows(results);
  const table = renderTable(rows);
  process.stdout.write(`\n${table}\n\n`);
  const path = writeResults(benchRoot, values.label || (values.quick ? 'quick' : ''), describeRun(values.quick, sizes, { start: startLoad, end: loadAverage() }, autovacuum.isStandingIn), rows);
  say(`written to ${path.slice(benchRoot.length)}`);
}

main()
  .catch(async (error) => {
    process.stderr.write(`[bench] ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const child of running.reverse()) await child.stop();
    await watch.close();
    await pool.end();
    await disconnectDatabase();
  });
