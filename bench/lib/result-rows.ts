import { cpus } from 'node:os';
import type { TLoadResult } from '@/bench/lib/load-result';
import { formatMb, formatMs, formatNumber, verdict, type TRow } from '@/bench/lib/report';
import type { TAcknowledgement } from '@/bench/scenarios/acknowledge-webhooks';
import type { THotNumber } from '@/bench/scenarios/allocate-hot-number';
import type { TEndToEnd } from '@/bench/scenarios/ingest-end-to-end';
import type { TListing } from '@/bench/scenarios/list-orders-at-scale';

export type TResults = {
  sizes: { steadySeconds: number; maximumSeconds: number; burstOrders: number; tenantOrders: number; otherOrders: number; hotOrders: number };
  acknowledgement?: TAcknowledgement;
  minimalAcknowledgement?: TAcknowledgement;
  minimalPeakRss?: number;
  endToEnd?: TEndToEnd;
  webPeakRss?: number;
  workerPeakRss?: number;
  hotNumber?: THotNumber;
  listing?: TListing;
};

const perSecond = (value: number) => `${formatNumber(value)}/s`;
const describeErrors = (...loads: TLoadResult[]) => {
  const kinds = loads.map((load) => load.errorKinds).filter(Boolean).join(', ');
  return kinds ? ` (${kinds})` : '';
};

function acknowledgementRows(hub: TAcknowledgement, minimal: TAcknowledgement): TRow[] {
  const scenario = '1 Acknowledge';
  const ratio = hub.maximum.okPerSecond / minimal.maximum.okPerSecond;
  return [
    { scenario, measure: 'max rate, 10 connections', hub: perSecond(hub.maximum.okPerSecond), baseline: perSecond(minimal.maximum.okPerSecond), target: '≥ 1000/s', verdict: verdict(hub.maximum.okPerSecond, 1000, 'atLeast') },
    { scenario, measure: 'max rate ÷ minimal server', hub: formatNumber(ratio, 2), baseline: '1', target: '≥ 0.6', verdict: verdict(ratio, 0.6, 'atLeast') },
    { scenario, measure: 'max rate p50 / p99', hub: `${formatMs(hub.maximum.p50Ms)} / ${formatMs(hub.maximum.p99Ms)}`, baseline: `${formatMs(minimal.maximum.p50Ms)} / ${formatMs(minimal.maximum.p99Ms)}`, target: '', verdict: '' },
    { scenario, measure: '200/s p50 / p99', hub: `${formatMs(hub.steady.p50Ms)} / ${formatMs(hub.steady.p99Ms)}`, baseline: `${formatMs(minimal.steady.p50Ms)} / ${formatMs(minimal.steady.p99Ms)}`, target: 'p99 ≤ 50 ms', verdict: verdict(hub.steady.p99Ms, 50, 'atMost') },
    { scenario, measure: 'CPU per webhook (server process)', hub: formatMs(hub.cpuMsPerWebhook), baseline: formatMs(minimal.cpuMsPerWebhook), target: '', verdict: '' },
    {
      scenario,
      measure: 'one full core: 1000 ms ÷ CPU per webhook',
      hub: perSecond(1000 / hub.cpuMsPerWebhook),
      baseline: perSecond(1000 / minimal.cpuMsPerWebhook),
      target: '(≥ 1000/s)',
      verdict: '',
    },
    { scenario, measure: 'errors (200/s, max)', hub: `${hub.steady.errors}, ${hub.maximum.errors}${describeErrors(hub.steady, hub.maximum)}`, baseline: `${minimal.steady.errors}, ${minimal.maximum.errors}`, target: '0', verdict: verdict(hub.steady.errors + hub.maximum.errors, 0, 'atMost') },
  ];
}

function endToEndRows(result: TEndToEnd, orders: number): TRow[] {
  const scenario = '2 End to end';
  const ratio = result.burst.ordersPerSecond / result.direct.ordersPerSecond;
  return [
    { scenario, measure: `${orders} orders: all committed after`, hub: `${formatNumber(result.burst.seconds, 1)} s`, baseline: '', target: '', verdict: '' },
    {
      scenario,
      measure: 'orders committed / numbers suffixed in pairs',
      hub: `${result.burst.orders} / ${result.burst.suffixedPairs}`,
      baseline: '',
      target: `${orders} / ${Math.floor(orders / 20)}`,
      verdict: result.burst.orders === orders && result.burst.suffixedPairs === Math.floor(orders / 20) ? 'met' : 'MISSED',
    },
    { scenario, measure: 'orders/s (webhook → committed)', hub: perSecond(result.burst.ordersPerSecond), baseline: perSecond(result.direct.ordersPerSecond), target: '≥ 500/s', verdict: verdict(result.burst.ordersPerSecond, 500, 'atLeast') },
    { scenario, measure: 'orders/s ÷ direct SQL', hub: formatNumber(ratio, 2), baseline: '1', target: '≥ 0.5', verdict: verdict(ratio, 0.5, 'atLeast') },
    {
      scenario,
      measure: 'CPU per order: web + worker',
      hub: `${formatMs(result.burst.webCpuMsPerOrder)} + ${formatMs(result.burst.workerCpuMsPerOrder)}`,
      baseline: formatMs(result.direct.cpuMsPerOrder),
      target: '',
      verdict: '',
    },
    {
      scenario,
      measure: 'Postgres + Redis CPU per order',
      hub: `${formatMs(result.burst.postgresCpuMsPerOrder)} + ${formatMs(result.burst.redisCpuMsPerOrder)}`,
      baseline: formatMs(result.direct.postgresCpuMsPerOrder),
      target: '',
      verdict: '',
    },
    { scenario, measure: 'lag p50 / p99 at 200/s', hub: `${formatMs(result.steady.lagP50Ms)} / ${formatMs(result.steady.lagP99Ms)}`, baseline: '', target: 'p99 ≤ 2 s', verdict: verdict(result.steady.lagP99Ms, 2000, 'atMost') },
    {
      scenario,
      measure: 'webhook errors / failed events',
      hub: `${result.burst.acknowledgement.errors + result.steady.acknowledgement.errors} / ${result.burst.failed + result.steady.failed}${describeErrors(result.burst.acknowledgement, result.steady.acknowledgement)}`,
      baseline: '',
      target: '0 / 0',
      verdict: verdict(result.burst.acknowledgement.errors + result.steady.acknowledgement.errors + result.burst.failed + result.steady.failed, 0, 'atMost'),
    },
  ];
}

function listingRows(result: TListing): TRow[] {
  return result.cases.map((item) => ({
    scenario: '3 Order list',
    measure: `${item.name} p50 / p95`,
    hub: `${formatMs(item.api.p50Ms)} / ${formatMs(item.api.p95Ms)}${item.errors ? ` (${item.errors} errors)` : ''}`,
    baseline: `${formatMs(item.sql.p50Ms)} / ${formatMs(item.sql.p95Ms)}`,
    target: `p95 ≤ ${item.limitMs} ms`,
    verdict: item.errors ? 'MISSED' : verdict(item.api.p95Ms, item.limitMs, 'atMost'),
  }));
}

export function resultRows(results: TResults): TRow[] {
  const rows: TRow[] = [];
  if (results.acknowledgement && results.minimalAcknowledgement) rows.push(...acknowledgementRows(results.acknowledgement, results.minimalAcknowledgement));
  if (results.endToEnd) rows.push(...endToEndRows(results.endToEnd, results.sizes.burstOrders));
  if (results.listing) {
    rows.push({ scenario: '3 Order list', measure: 'load (COPY, indexes, vacuum)', hub: `${formatNumber(results.listing.loadSeconds)} s`, baseline: '', target: '', verdict: '' });
    rows.push(...listingRows(results.listing));
  }
  if (results.hotNumber) {
    const hot = results.hotNumber;
    rows.push({ scenario: '4 Hot number', measure: `${results.sizes.hotOrders} orders, one number`, hub: perSecond(hot.ordersPerSecond), baseline: perSecond(hot.direct.ordersPerSecond), target: '', verdict: '' });
    rows.push({ scenario: '4 Hot number', measure: 'numbers', hub: hot.detail, baseline: '', target: 'exactly #N-1 … #N-K', verdict: hot.isExact ? 'met' : 'MISSED' });
  }
  if (results.webPeakRss !== undefined) {
    rows.push({ scenario: '5 Memory', measure: 'web peak RSS (1 and 2)', hub: formatMb(results.webPeakRss), baseline: results.minimalPeakRss ? formatMb(results.minimalPeakRss) : '', target: '≤ 400 MB', verdict: verdict(results.webPeakRss, 400 * 1024 * 1024, 'atMost') });
  }
  if (results.workerPeakRss !== undefined) {
    rows.push({ scenario: '5 Memory', measure: 'worker peak RSS (2)', hub: formatMb(results.workerPeakRss), baseline: '', target: '≤ 250 MB', verdict: verdict(results.workerPeakRss, 250 * 1024 * 1024, 'atMost') });
  }
  return rows;
}

export function describeRun(isQuick: boolean, sizes: TResults['sizes'], loads: { start: number; end: number }, isStandingInForAutovacuum: boolean): string {
  return [
    `# Benchmark ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${isQuick ? 'quick (small sizes)' : 'full'}`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; Postgres and Redis on the same machine, as is the load generator.`,
    `Load average (shared machine) at start ${loads.start.toFixed(1)}, at end ${loads.end.toFixed(1)}: throughput moves with it, CPU per operation hardly.`,
    `Sizes: acknowledgement ${sizes.steadySeconds} s at 200/s and ${sizes.maximumSeconds} s at max; end to end ${sizes.burstOrders} orders;`,
    `order list ${sizes.tenantOrders} orders in the tenant + ${sizes.otherOrders} in others; hot number ${sizes.hotOrders} orders.`,
    'Baselines: 1 a bare node:http server doing store lookup + HMAC + inbox insert + enqueue; 2 and 4 the same SQL writes',
    '(event, counter, order, lines) from one script; 3 the same listOrders() in-process (its SQL, no HTTP, Next.js or API-key check); 5 the bare server of 1.',
    ...(isStandingInForAutovacuum
      ? ["Postgres here runs with autovacuum off: the bench ran autovacuum's ANALYZE of the written tables every 10 s itself (bench/lib/stand-in-for-autovacuum.ts)."]
      : []),
  ].join('\n');
}
