import type { TCanonicalOrder } from '@/lib/orders/canonical-order';
import type { TOrderStage } from '@/lib/orders/order-filters';

const progress: Record<Exclude<TOrderStage, 'cancelled' | 'archived'>, number> = { to_order: 0, awaiting_supplier: 1, shipped: 2, completed: 3 };

// Channel statuses that mean the parcel arrived, not just that it left.
const deliveredStatuses = new Set(['completed', 'DELIVERED', 'COMPLETED']);

/** The stage the channel's own status implies. */
export function channelStage(order: Pick<TCanonicalOrder, 'status' | 'sourceStatus'>): TOrderStage {
  if (order.status === 'cancelled' || order.status === 'refunded') return 'cancelled';
  if (deliveredStatuses.has(order.sourceStatus)) return 'completed';
  if (order.status === 'fulfilled' || order.status === 'partially_fulfilled') return 'shipped';
  return 'to_order';
}

/**
 * An update never moves an order back: once the supplier has it, a late "paid" from the channel
 * keeps it there. Cancellation always wins; a restored order takes the channel's stage again.
 */
export function nextStage(current: TOrderStage | null, channel: TOrderStage): TOrderStage {
  // An archived copy of a purchase stays archived whatever its channel does.
  if (current === 'archived') return 'archived';
  if (channel === 'cancelled' || channel === 'archived') return channel;
  if (current === null || current === 'cancelled') return channel;
  return progress[channel] >= progress[current] ? channel : current;
}

/** Moves an order forward as its supplier order progresses, never back, never out of cancelled. */
export function stageAfterSupplier(current: TOrderStage, supplier: 'awaiting_supplier' | 'shipped' | 'completed'): TOrderStage {
  if (current === 'cancelled' || current === 'archived') return current;
  return progress[supplier] > progress[current] ? supplier : current;
}
