import { pool } from '@/lib/db/client';
import { reconcileStore } from '@/lib/sync/reconcile-store';
import { buildTikTokOrder, tiktokHeaders, tiktokNotificationBody } from '@/tests/fixtures/tiktok';
import type { TChaosCluster } from '@/tests/chaos/cluster';
import { createChaosTenant, mixedBurst, shopifyDelivery, tiktokDelivery, versionTime, wooDelivery } from '@/tests/chaos/deliveries';
import { startSending, type TDelivery, type TDeliveryResult, type TOrderPromise } from '@/tests/chaos/sender';
import { readVerdict, settleVerdict, type TVerdict } from '@/tests/chaos/verdict';

// Chaos scenarios a–g (README, Chaos). Each: a fresh merchant, real worker processes, a
// real fault, then the verdict from Postgres: every webhook answered 200 has its order (in at
// least the state that webhook carried), nothing doubled, numbers gap-free, every event settled.
// In g the fault is the platform's: webhooks it never delivered, which reconciliation recovers.

export type TCheck = { name: string; ok: boolean; detail: string };

export type TScenarioResult = {
  id: string;
  title: string;
  fault: string;
  deliveries: number;
  answered200: number;
  /** Deliveries that needed more than one attempt. */
  retried: number;
  /** Answers before the final one, by kind ('503', 'ECONNRESET', …). */
  refusals: Record<string, number>;
  verdict: TVerdict;
  checks: TCheck[];
  held: boolean;
  seconds: number;
};

export type TChaosSizes = {
  killBurst: number;
  termBurst: number;
  redisBurst: number;
  postgresBurst: number;
  ratePerSecond: number;
  outageMs: number;
  copies: number;
  pairs: number;
  hot: number;
  numberingWorkers: number;
  numberingConcurrency: number;
  slowApiMs: number;
  lostWindow: number;
  settleTimeoutMs: number;
};

/** `npm run chaos`. */
export const fullChaosSizes: TChaosSizes = {
  killBurst: 2000,
  termBurst: 600,
  redisBurst: 1200,
  postgresBurst: 1200,
  ratePerSecond: 100,
  outageMs: 10_000,
  copies: 50,
  pairs: 200,
  hot: 16,
  numberingWorkers: 4,
  numberingConcurrency: 4,
  slowApiMs: 300,
  lostWindow: 400,
  settleTimeoutMs: 600_000,
};

/** The short versions inside `npm test`. */
export const shortChaosSizes: TChaosSizes = {
  killBurst: 300,
  termBurst: 120,
  redisBurst: 150,
  postgresBurst: 150,
  ratePerSecond: 40,
  outageMs: 3_000,
  copies: 50,
  pairs: 40,
  hot: 8,
  numberingWorkers: 2,
  numberingConcurrency: 8,
  slowApiMs: 300,
  lostWindow: 60,
  settleTimeoutMs: 240_000,
};

/**
 * Settings of a chaos cluster's web app and workers. A job's retry budget (3 attempts, 0.2 s then
 * 0.4 s apart; 8 attempts over ~4 minutes in production) is shorter than the outages here, so
 * jobs do give up mid-outage and only the inbox in Postgres can bring them back. Sweeps are
 * quick, so recovery takes seconds rather than minutes.
 */
export function chaosServiceEnv(sizes: TChaosSizes): Record<string, string> {
  return {
    INGEST_CONCURRENCY: '8',
    INGEST_ATTEMPTS: '3',
    INGEST_BACKOFF_MS: '200',
    SWEEP_INTERVAL_MS: '1000',
    // How long a QUEUED event may go without a job before the sweeper re-enqueues it (60 s in
    // production); Redis restarts empty in scenario c.
    SWEEP_QUEUED_GRACE_MS: sizes === fullChaosSizes ? '20000' : '3000',
    // The reconciliation schedule runs once when first set, then not again within a run: only
    // scenario g reconciles, when it says so.
    RECONCILE_INTERVAL_MS: String(24 * 3600_000),
  };
}

const retryForMs = 600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

function promisesOf(results: TDeliveryResult[]): TOrderPromise[] {
  return results.filter((result) => result.status === 200 && result.delivery.promise).map((result) => result.delivery.promise!);
}

function summarize(
  head: { id: string; title: string; fault: string },
  startedAt: number,
  results: TDeliveryResult[],
  verdict: TVerdict,
  checks: TCheck[],
): TScenarioResult {
  const refusals: Record<string, number> = {};
  for (const result of results) for (const refusal of result.refusals) refusals[refusal] = (refusals[refusal] ?? 0) + 1;
  const answered200 = results.filter((result) => result.status === 200).length;
  const allAnswered: TCheck = { name: 'every webhook got its 200', ok: answered200 === results.length, detail: `${answered200}/${results.length}` };
  const allChecks = [allAnswered, ...checks];
  return {
    ...head,
    deliveries: results.length,
    answered200,
    retried: results.filter((result) => result.attempts > 1).length,
    refusals,
    verdict,
    checks: allChecks,
    held: verdict.lost === 0 && verdict.duplicated === 0 && verdict.gaps === 0 && verdict.unsettled === 0 && allChecks.every((check) => check.ok),
    seconds: Math.round((Date.now() - startedAt) / 100) / 10,
  };
}

async function processedAmong(tenantId: string, eventIds: string[]): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1 AND id = ANY($2::text[]) AND status = 'PROCESSED'`,
    [tenantId, eventIds],
  );
  return rows[0]!.n;
}

/** a. A worker SIGKILLed in the middle of a burst: its in-flight jobs come back (stalled-job recovery). */
export async function killWorkerMidBurst(cluster: TChaosCluster, sizes: TChaosSizes): Promise<TScenarioResult> {
  const startedAt = Date.now();
  const tenant = await createChaosTenant(cluster.tiktok);
  cluster.tiktok.setDelay(100);
  const [worker] = await cluster.startWorkers(1, { INGEST_CONCURRENCY: '16' });
  const deliveries = mixedBurst(cluster.tiktok, tenant, sizes.killBurst, { seed: 1, updates: true });
  const sending = startSending(cluster.webUrl, deliveries, { concurrency: 16, retryForMs });
  await waitUntil(() => sending.progress.answered >= deliveries.length / 3, 300_000, 'a third of the burst to be answered');
  const inFlight = await waitUntil(async () => {
    const ids = await cluster.activeJobIds();
    return ids.length ? ids : undefined;
  }, 120_000, 'the worker to have jobs in flight');
  const exit = await worker!.signal('SIGKILL');
  const replacements = await cluster.startWorkers(2);
  const results = await sending.done;
  const verdict = await settleVerdict(tenant.tenantId, promisesOf(results), sizes.settleTimeoutMs);
  const recovered = await processedAmong(tenant.tenantId, inFlight);
  await cluster.stopWorkers(replacements);
  cluster.tiktok.setDelay(0);
  return summarize(
    { id: 'a', title: 'worker SIGKILL mid-burst', fault: `SIGKILL of the only worker after ${Math.round(deliveries.length / 3)} of ${deliveries.length} webhooks; 2 new workers` },
    startedAt,
    results,
    verdict,
    [
      { name: 'the worker died by SIGKILL', ok: exit.signal === 'SIGKILL', detail: String(exit.signal ?? exit.code) },
      { name: 'jobs in flight at the kill were recovered', ok: inFlight.length > 0 && recovered === inFlight.length, detail: `${recovered}/${inFlight.length} processed` },
    ],
  );
}

/** b. SIGTERM under load: the worker stops taking jobs, finishes the ones it holds, exits 0. */
export async function terminateWorkerUnderLoad(cluster: TChaosCluster, sizes: TChaosSizes): Promise<TScenarioResult> {
  const startedAt = Date.now();
  const tenant = await createChaosTenant(cluster.tiktok);
  // A slow platform API keeps TikTok jobs in flight for a while: SIGTERM lands mid-job.
  cluster.tiktok.setDelay(sizes.slowApiMs);
  const [worker] = await cluster.startWorkers(1, { INGEST_CONCURRENCY: '8' });
  const deliveries = mixedBurst(cluster.tiktok, tenant, sizes.termBurst, { seed: 2 });
  const sending = startSending(cluster.webUrl, deliveries, { concurrency: 16, retryForMs });
  await waitUntil(() => sending.progress.answered >= deliveries.length / 3, 300_000, 'a third of the burst to be answered');
  const inFlight = await waitUntil(async () => {
    const ids = await cluster.activeJobIds();
    return ids.length ? ids : undefined;
  }, 120_000, 'the worker to have jobs in flight');
  const exit = await worker!.signal('SIGTERM');
  // No worker runs now: whatever is PROCESSED, the terminated worker finished.
  const finished = await processedAmong(tenant.tenantId, inFlight);
  const leftActive = await cluster.activeJobIds();
  cluster.tiktok.setDelay(0);
  const [drainer] = await cluster.startWorkers(1);
  const results = await sending.done;
  const verdict = await settleVerdict(tenant.tenantId, promisesOf(results), sizes.settleTimeoutMs);
  await cluster.stopWorkers([drainer!]);
  return summarize(
    { id: 'b', title: 'worker SIGTERM under load', fault: `SIGTERM of the only worker mid-burst (${deliveries.length} webhooks, platform API ${sizes.slowApiMs} ms)` },
    startedAt,
    results,
    verdict,
    [
      { name: 'the worker exited 0', ok: exit.code === 0, detail: String(exit.code ?? exit.signal) },
      { name: 'jobs in flight at SIGTERM finished before it exited', ok: inFlight.length > 0 && finished === inFlight.length, detail: `${finished}/${inFlight.length}` },
      { name: 'no job left active behind it', ok: leftActive.length === 0, detail: String(leftActive.length) },
    ],
  );
}

/** c. Redis killed (and back empty) while webhooks arrive: routes keep answering 200, the sweeper catches up. */
export async function killRedisDuringIngest(cluster: TChaosCluster, sizes: TChaosSizes): Promise<TScenarioResult> {
  const startedAt = Date.now();
  const tenant = await createChaosTenant(cluster.tiktok);
  const workers = await cluster.startWorkers(2);
  const deliveries = mixedBurst(cluster.tiktok, tenant, sizes.redisBurst, { seed: 3, updates: true });
  const sending = startSending(cluster.webUrl, deliveries, { concurrency: 8, ratePerSecond: sizes.ratePerSecond, retryForMs });
  await waitUntil(() => sending.progress.answered >= deliveries.length / 3, 300_000, 'a third of the webhooks to be answered');
  await cluster.redis.kill();
  const answeredBefore = sending.progress.answered;
  await sleep(sizes.outageMs);
  const answeredWhileDown = sending.progress.answered - answeredBefore;
  await cluster.redis.start();
  const results = await sending.done;
  const verdict = await settleVerdict(tenant.tenantId, promisesOf(results), sizes.settleTimeoutMs);
  const firstTryFailures = results.filter((result) => result.attempts > 1 || result.status !== 200).length;
  const alive = workers.filter((worker) => worker.isRunning()).length;
  await cluster.stopWorkers(workers);
  return summarize(
    { id: 'c', title: 'Redis killed and restarted', fault: `Redis SIGKILLed for ${sizes.outageMs / 1000} s mid-stream, restarted empty` },
    startedAt,
    results,
    verdict,
    [
      { name: 'webhooks answered while Redis was down', ok: answeredWhileDown > 0, detail: String(answeredWhileDown) },
      { name: 'answers other than 200 (none expected)', ok: firstTryFailures === 0, detail: String(firstTryFailures) },
      { name: 'workers survived', ok: alive === workers.length, detail: `${alive}/${workers.length}` },
    ],
  );
}

/** d. Postgres crash-restarted during ingest: 503 while it is down, the platform's retries then land. */
export async function restartPostgresDuringIngest(cluster: TChaosCluster, sizes: TChaosSizes): Promise<TScenarioResult> {
  const startedAt = Date.now();
  const tenant = await createChaosTenant(cluster.tiktok);
  // A slow platform API keeps jobs in flight, and the webhooks trickle in: the crash lands on
  // running jobs, and two thirds of the stream arrive while Postgres is down or just back.
  cluster.tiktok.setDelay(sizes.slowApiMs);
  const workers = await cluster.startWorkers(2);
  const deliveries = mixedBurst(cluster.tiktok, tenant, sizes.postgresBurst, { seed: 4, updates: true });
  const sending = startSending(cluster.webUrl, deliveries, { concurrency: 16, ratePerSecond: sizes.ratePerSecond, retryForMs });
  const backlog = await waitUntil(
    async () => {
      if (sending.progress.answered < deliveries.length / 3) return false;
      const jobs = await cluster.backlog();
      return jobs > 0 ? jobs : false;
    },
    300_000,
    'a third of the webhooks to be answered, with jobs still to do',
  );
  await cluster.postgres.crash();
  await sleep(sizes.outageMs);
  await cluster.postgres.start();
  const results = await sending.done;
  const verdict = await settleVerdict(tenant.tenantId, promisesOf(results), sizes.settleTimeoutMs);
  cluster.tiktok.setDelay(0);
  const refusals = results.flatMap((result) => result.refusals);
  const unavailable = refusals.filter((refusal) => refusal === '503').length;
  const others = refusals.filter((refusal) => refusal !== '503');
  const alive = workers.filter((worker) => worker.isRunning()).length;
  await cluster.stopWorkers(workers);
  return summarize(
    {
      id: 'd',
      title: 'Postgres restarted',
      fault: `Postgres crash-stopped (immediate) for ${sizes.outageMs / 1000} s with ${backlog} jobs in hand (a job's retry budget: 0.6 s)`,
    },
    startedAt,
    results,
    verdict,
    [
      { name: '503 answers while Postgres was down', ok: unavailable > 0, detail: String(unavailable) },
      { name: 'other refusals (none expected)', ok: others.length === 0, detail: others.length ? [...new Set(others)].join(', ') : '0' },
      { name: 'web app and workers survived', ok: alive === workers.length && cluster.web.isRunning(), detail: `${alive}/${workers.length} workers, web ${cluster.web.isRunning() ? 'up' : 'down'}` },
    ],
  );
}

/** e. The same event 50 times at once (per platform), and 50 different updates of one order at once. */
export async function sameEventManyTimes(cluster: TChaosCluster, sizes: TChaosSizes): Promise<TScenarioResult> {
  const startedAt = Date.now();
  const tenant = await createChaosTenant(cluster.tiktok);
  const workers = await cluster.startWorkers(2);
  const originals: TDelivery[] = [
    shopifyDelivery(tenant.shopifyA, { id: '6300000000001', number: 1001, eventId: 'evt-same', webhookId: 'wh-same' }),
    wooDelivery(tenant.woo, { id: 1001, number: '1001' }),
    tiktokDelivery(cluster.tiktok, tenant.tiktok, { id: '576461413038785752' }),
  ];
  const copies = originals.flatMap((original) => Array.from({ length: sizes.copies }, () => original));
  const updates = Array.from({ length: sizes.copies }, (_, index) =>
    shopifyDelivery(tenant.shopifyB, { id: '6300000000002', number: 1002, version: index + 1 }),
  );
  const deliveries = [...copies, ...updates];
  const results = await startSending(cluster.webUrl, deliveries, { concurrency: deliveries.length, retryForMs }).done;
  const verdict = await settleVerdict(tenant.tenantId, promisesOf(results), sizes.settleTimeoutMs);
  const { rows } = await pool().query<{ events: number; newest: Date | null }>(
    `SELECT (SELECT count(*)::int FROM webhook_events WHERE tenant_id = $1) AS events,
            (SELECT source_updated_at FROM orders WHERE tenant_id = $1 AND store_id = $2 AND external_id = '6300000000002') AS newest`,
    [tenant.tenantId, tenant.shopifyB.storeId],
  );
  const { events, newest } = rows[0]!;
  await cluster.stopWorkers(workers);
  return summarize(
    { id: 'e', title: 'same event 50 times at once', fault: `${sizes.copies} concurrent copies of one Shopify, WooCommerce and TikTok event; ${sizes.copies} concurrent updates of one order` },
    startedAt,
    results,
    verdict,
    [
      { name: 'inbox rows: one per event', ok: events === originals.length + updates.length, detail: `${events} for ${deliveries.length} deliveries` },
      {
        name: 'the order updated at once holds its newest state',
        ok: newest?.getTime() === versionTime(sizes.copies).getTime(),
        detail: newest ? `version ${Math.round((newest.getTime() - versionTime(0).getTime()) / 60_000)} of ${sizes.copies}` : 'missing',
      },
    ],
  );
}

/** f. #1001 from two stores, many numbers at once, on 16 concurrent job slots across worker processes. */
export async function numberRace(cluster: TChaosCluster, sizes: TChaosSizes): Promise<TScenarioResult> {
  const startedAt = Date.now();
  const tenant = await createChaosTenant(cluster.tiktok);
  const workers = await cluster.startWorkers(sizes.numberingWorkers, { INGEST_CONCURRENCY: String(sizes.numberingConcurrency) });
  const deliveries: TDelivery[] = [];
  for (let pair = 0; pair < sizes.pairs; pair++) {
    deliveries.push(shopifyDelivery(tenant.shopifyA, { id: String(6_400_000_000_000 + pair), number: 1001 + pair }));
    deliveries.push(shopifyDelivery(tenant.shopifyB, { id: String(6_500_000_000_000 + pair), number: 1001 + pair }));
  }
  const hotNumber = 9001;
  for (let member = 0; member < sizes.hot; member++) {
    deliveries.push(shopifyDelivery(tenant.shopifyA, { id: String(6_600_000_000_000 + member), number: hotNumber }));
    deliveries.push(shopifyDelivery(tenant.shopifyB, { id: String(6_700_000_000_000 + member), number: hotNumber }));
  }
  const results = await startSending(cluster.webUrl, deliveries, { concurrency: 32, retryForMs }).done;
  const verdict = await settleVerdict(tenant.tenantId, promisesOf(results), sizes.settleTimeoutMs);
  const { rows } = await pool().query<{ pairs: number; hot: number }>(
    `SELECT count(*) FILTER (WHERE members = 2)::int AS pairs, max(members) FILTER (WHERE source_number = $2)::int AS hot
       FROM (SELECT source_number, count(*) AS members FROM orders WHERE tenant_id = $1 GROUP BY source_number) groups`,
    [tenant.tenantId, String(hotNumber)],
  );
  await cluster.stopWorkers(workers);
  const slots = sizes.numberingWorkers * sizes.numberingConcurrency;
  return summarize(
    { id: 'f', title: '#1001 from two stores', fault: `${sizes.pairs} numbers from 2 stores + #${hotNumber} ×${sizes.hot * 2}, all at once on ${sizes.numberingWorkers} workers × ${sizes.numberingConcurrency} = ${slots} slots` },
    startedAt,
    results,
    verdict,
    [
      { name: 'pairs numbered #N-1 and #N-2', ok: rows[0]!.pairs === sizes.pairs, detail: `${rows[0]!.pairs}/${sizes.pairs}` },
      { name: `hot group #${hotNumber}-1…-${sizes.hot * 2}`, ok: rows[0]!.hot === sizes.hot * 2, detail: `${rows[0]!.hot ?? 0} members` },
      { name: '16 concurrent job slots', ok: slots === 16, detail: String(slots) },
    ],
  );
}

/**
 * g. The platform stops delivering for 4 hours (its retries exhausted, as Shopify's are after 4
 * hours and WooCommerce's at once): orders created in the window and updates of earlier orders
 * never arrive as webhooks. The next reconciliation reads what changed since its watermark and
 * records it; the verdict expects every order in its newest state.
 */
export async function recoverLostWebhooks(cluster: TChaosCluster, sizes: TChaosSizes): Promise<TScenarioResult> {
  const startedAt = Date.now();
  const workers = await cluster.startWorkers(2);
  // The schedule's first run (when these are the cluster's first workers) ends before the store
  // exists: the store's reconciliations are the ones below, no other.
  await waitUntil(() => cluster.isSyncIdle(), 30_000, 'the first scheduled reconciliation to end');
  const tenant = await createChaosTenant(cluster.tiktok);
  const now = Math.floor(Date.now() / 1000);
  const windowStart = now - 4 * 3600;
  // The last reconciliation ran just before the outage began.
  await pool().query(
    `INSERT INTO store_syncs (tenant_id, store_id, reconcile_watermark) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, store_id) DO UPDATE SET reconcile_watermark = EXCLUDED.reconcile_watermark`,
    [tenant.tenantId, tenant.tiktok.storeId, new Date((windowStart - 60) * 1000)],
  );
  const orderId = (index: number) => `57647${String(index).padStart(13, '0')}`;
  const put = (index: number, status: string, createTime: number, updateTime: number) =>
    cluster.tiktok.putOrder(tenant.tiktok.shopCipher, buildTikTokOrder({ id: orderId(index), status, createTime, updateTime }));
  const notify = (index: number, status: string, updateTime: number): TDelivery => {
    const body = tiktokNotificationBody({ shopId: tenant.tiktok.shopId, orderId: orderId(index), status, updateTime });
    return { path: '/api/webhooks/tiktok', headers: tiktokHeaders(body, process.env.TIKTOK_APP_KEY!, process.env.TIKTOK_APP_SECRET!), body, promise: { storeId: tenant.tiktok.storeId, externalId: orderId(index), updatedAt: new Date(updateTime * 1000) } };
  };

  // Before the outage: orders that arrive as webhooks should.
  const delivered = Math.max(10, Math.round(sizes.lostWindow / 2));
  const before: TDelivery[] = [];
  for (let index = 0; index < delivered; index++) {
    const createTime = windowStart - 3600 + index;
    put(index, 'AWAITING_SHIPMENT', createTime, createTime);
    before.push(notify(index, 'AWAITING_SHIPMENT', createTime));
  }
  const results = await startSending(cluster.webUrl, before, { concurrency: 16, retryForMs }).done;
  await settleVerdict(tenant.tenantId, promisesOf(results), sizes.settleTimeoutMs);

  // The outage: new orders, and a later state of every other delivered order, spread over 4 hours.
  const promises: TOrderPromise[] = [...promisesOf(results)];
  const step = Math.floor((4 * 3600) / (sizes.lostWindow + delivered / 2));
  let at = windowStart;
  for (let index = delivered; index < delivered + sizes.lostWindow; index++) {
    at += step;
    put(index, 'AWAITING_SHIPMENT', at, at);
    promises.push({ storeId: tenant.tiktok.storeId, externalId: orderId(index), updatedAt: new Date(at * 1000) });
  }
  let lostUpdates = 0;
  for (let index = 0; index < delivered; index += 2) {
    at += step;
    put(index, 'IN_TRANSIT', windowStart - 3600 + index, Math.min(at, now - 1));
    promises.push({ storeId: tenant.tiktok.storeId, externalId: orderId(index), updatedAt: new Date(Math.min(at, now - 1) * 1000) });
    lostUpdates++;
  }
  const missingBefore = (await readVerdict(tenant.tenantId, promises)).lost;

  const reconciled = await reconcileStore(tenant.tenantId, tenant.tiktok.storeId);
  await settleVerdict(tenant.tenantId, promises, sizes.settleTimeoutMs);
  const { rows } = await pool().query<{ in_transit: number }>(
    `SELECT count(*)::int AS in_transit FROM orders WHERE tenant_id = $1 AND source_status = 'IN_TRANSIT'`,
    [tenant.tenantId],
  );
  await cluster.stopWorkers(workers);
  const recovered = typeof reconciled === 'object' ? reconciled.recovered : 0;

  // Then the schedule on its own: one more order whose webhook is lost now, and a worker whose
  // reconciliation runs every second (its start sets the schedule). Nothing else asks for it.
  const lateIndex = delivered + sizes.lostWindow;
  const lateAt = Math.floor(Date.now() / 1000) + 1;
  put(lateIndex, 'AWAITING_SHIPMENT', lateAt, lateAt);
  promises.push({ storeId: tenant.tiktok.storeId, externalId: orderId(lateIndex), updatedAt: new Date(lateAt * 1000) });
  const scheduled = await cluster.startWorkers(1, { RECONCILE_INTERVAL_MS: '1000' });
  const verdict = await settleVerdict(tenant.tenantId, promises, sizes.settleTimeoutMs);
  await cluster.stopWorkers(scheduled);
  const { rows: late } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE tenant_id = $1 AND external_id = $2`, [tenant.tenantId, orderId(lateIndex)]);
  return summarize(
    {
      id: 'g',
      title: 'webhooks lost for 4 h, then reconciled',
      fault: `${sizes.lostWindow} new orders and ${lostUpdates} updates never delivered over 4 hours; one reconciliation; then one more lost order and the schedule alone`,
    },
    startedAt,
    results,
    verdict,
    [
      { name: 'missing before the reconciliation', ok: missingBefore === sizes.lostWindow + lostUpdates, detail: String(missingBefore) },
      { name: 'recovered by the reconciliation', ok: recovered === sizes.lostWindow + lostUpdates, detail: typeof reconciled === 'object' ? String(recovered) : String(reconciled) },
      { name: 'lost updates now in their newest state', ok: rows[0]!.in_transit === lostUpdates, detail: `${rows[0]!.in_transit}/${lostUpdates}` },
      { name: 'the order lost later recovered by the scheduled reconciliation', ok: late[0]!.n === 1, detail: String(late[0]!.n) },
    ],
  );
}

export const chaosScenarios = [
  { id: 'a', title: 'a worker SIGKILLed mid-burst', run: killWorkerMidBurst },
  { id: 'b', title: 'a worker SIGTERMed under load finishes its jobs', run: terminateWorkerUnderLoad },
  { id: 'c', title: 'Redis killed and restarted while webhooks arrive', run: killRedisDuringIngest },
  { id: 'd', title: 'Postgres restarted during ingest (503, then the retries land)', run: restartPostgresDuringIngest },
  { id: 'e', title: 'the same event 50 times at once', run: sameEventManyTimes },
  { id: 'f', title: '#1001 from two stores on 16 concurrent workers', run: numberRace },
  { id: 'g', title: 'webhooks lost for 4 hours, then recovered by reconciliation', run: recoverLostWebhooks },
] as const;
