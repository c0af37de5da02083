import { batchedByTenant } from '@/lib/db/batched-by-tenant';
import { recordOrder, recordOrderKeys, recordOrders, type TRecordOrderInput, type TRecordOrderResult } from '@/lib/orders/record-order';

/**
 * Records an order as recordOrder does, possibly in one transaction with others the worker's ingest
 * jobs hand in at the same moment: several of one tenant in the two round trips of one order
 * (recordOrders). Orders that share a key (recordOrderKeys: one order twice, a channel number, twin
 * candidates) never share a transaction. Should a shared transaction fail, each of its orders is
 * recorded again on its own, so an order fails only for what is wrong with it.
 */
export const recordOrderTogether: (input: TRecordOrderInput) => Promise<TRecordOrderResult> = batchedByTenant({
  batchesAtOnce: 3,
  requestsAtOnce: 16,
  keysOf: recordOrderKeys,
  run: recordOrders,
  runAlone: recordOrder,
});
