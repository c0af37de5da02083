import { outsideTenant, withTenant } from '@/lib/db/tenant-scope';
import { recordOrder, recordOrderKeys, recordOrders, type TRecordOrderInput, type TRecordOrderResult } from '@/lib/orders/record-order';

// The ingest jobs a worker runs at once hand their orders here rather than each opening a
// transaction of its own: the orders that arrive while earlier ones are being written go out
// together, several of one tenant in one transaction (recordOrders), in the two round trips of one
// order. Every write, every transaction and every round trip wakes Postgres and costs CPU on
// both sides (bench/results/2026-11-27-notes.md). An order alone goes out at once, as before.

/** Transactions of orders in flight at once; what arrives meanwhile waits and goes out together. */
const transactionsAtOnce = 3;
/** Orders in one transaction at most. */
const ordersAtOnce = 16;

type TWaiting = { input: TRecordOrderInput; keys: string[]; resolve: (result: TRecordOrderResult) => void; reject: (error: unknown) => void };

const waiting: TWaiting[] = [];
let transactionsInFlight = 0;
let isFlushScheduled = false;

/**
 * Records an order as recordOrder does, possibly in one transaction with others the worker records
 * at the same moment. Orders that share a key (recordOrderKeys: one order twice, a channel number,
 * twin candidates) never share a transaction. Should a shared transaction fail, each of its orders
 * is recorded again on its own, so an order fails only for what is wrong with it.
 */
export function recordOrderTogether(input: TRecordOrderInput): Promise<TRecordOrderResult> {
  return new Promise((resolve, reject) => {
    waiting.push({ input, keys: recordOrderKeys(input), resolve, reject });
    scheduleFlush();
  });
}

function scheduleFlush(): void {
  if (isFlushScheduled) return;
  isFlushScheduled = true;
  // After the jobs of this turn of the event loop have handed in their orders; in no tenant's scope.
  outsideTenant(() => setImmediate(flush));
}

function flush(): void {
  isFlushScheduled = false;
  while (transactionsInFlight < transactionsAtOnce && waiting.length) {
    const batch = takeBatch();
    transactionsInFlight++;
    void record(batch).finally(() => {
      transactionsInFlight--;
      if (waiting.length) scheduleFlush();
    });
  }
}

/** The oldest waiting order and those of its tenant after it that share no key with the batch. */
function takeBatch(): TWaiting[] {
  const tenantId = waiting[0]!.input.tenantId;
  const keys = new Set<string>();
  const batch: TWaiting[] = [];
  const rest: TWaiting[] = [];
  for (const item of waiting) {
    if (batch.length < ordersAtOnce && item.input.tenantId === tenantId && !item.keys.some((key) => keys.has(key))) {
      batch.push(item);
      for (const key of item.keys) keys.add(key);
    } else {
      rest.push(item);
    }
  }
  waiting.splice(0, waiting.length, ...rest);
  return batch;
}

async function record(batch: TWaiting[]): Promise<void> {
  const tenantId = batch[0]!.input.tenantId;
  const alone = (item: TWaiting) => withTenant(tenantId, () => recordOrder(item.input)).then(item.resolve, item.reject);
  if (batch.length === 1) return alone(batch[0]!);
  let results: TRecordOrderResult[];
  try {
    results = await withTenant(tenantId, () => recordOrders(batch.map((item) => item.input)));
  } catch {
    // One order's failure rolled back all of them (or the database failed them all): each again alone.
    await Promise.all(batch.map(alone));
    return;
  }
  batch.forEach((item, index) => item.resolve(results[index]!));
}
