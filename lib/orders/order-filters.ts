import type { TOrderStatus, TPlatform } from '@/lib/orders/canonical-order';

/** The stages an order moves through; `archived` holds the copies of a purchase the merchant set aside. */
export const orderStages = ['to_order', 'awaiting_supplier', 'shipped', 'completed', 'cancelled', 'archived'] as const;
export type TOrderStage = (typeof orderStages)[number];
/** The Order Center tabs: the stages and the orders that need attention. */
export const orderTabs = [...orderStages, 'needs_attention'] as const;
export type TOrderTab = (typeof orderTabs)[number];

export type TOrderFilters = {
  q?: string;
  storeId?: string;
  platform?: TPlatform;
  status?: TOrderStatus;
  tab?: TOrderTab;
  placedFrom?: Date;
  placedBefore?: Date;
  /** The stores the viewer may see; undefined or null means every store of the tenant. */
  visibleStoreIds?: string[] | null;
};

/** Collects SQL parameters; `add` returns the placeholder of the value it adds. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The placeholders of a search: `1001` and `#1001` find the whole #1001-n group (by channel
 * number), `#1001-2` finds that one order; anything else is a substring of the customer's name or
 * email, or of a SKU (looked up among the tenant's distinct SKUs, order_skus).
 */
export function searchTerms(q: string, parameters: SqlParameters): { sourceNumber: string; number: string; like: string } {
  const bare = q.replace(/^#/, '');
  return { sourceNumber: parameters.add(bare), number: parameters.add(`#${bare}`), like: parameters.add(likePattern(q)) };
}

/**
 * The WHERE conditions for a tenant's orders under the given filters, on alias `o`. The tenant is
 * always the first condition, so every query that uses this is scoped to one tenant.
 */
export function orderConditions(tenantId: string, filters: TOrderFilters, parameters: SqlParameters): string[] {
  const tenant = parameters.add(tenantId);
  const where = [`o.tenant_id = ${tenant}`];
  if (filters.visibleStoreIds) where.push(`o.store_id = ANY(${parameters.add(filters.visibleStoreIds)}::text[])`);
  if (filters.storeId) where.push(`o.store_id = ${parameters.add(filters.storeId)}`);
  if (filters.platform) where.push(`o.platform = ${parameters.add(filters.platform)}::"Platform"`);
  if (filters.status) where.push(`o.status = ${parameters.add(filters.status)}::"OrderStatus"`);
  // An archived copy is never worked on, so it never needs attention.
  if (filters.tab === 'needs_attention') where.push(`o.attention_reason IS NOT NULL AND o.stage <> 'archived'`);
  else if (filters.tab) where.push(`o.stage = ${parameters.add(filters.tab)}::"OrderStage"`);
  if (filters.placedFrom) where.push(`o.placed_at >= ${parameters.add(filters.placedFrom)}`);
  if (filters.placedBefore) where.push(`o.placed_at < ${parameters.add(filters.placedBefore)}`);
  if (filters.q) {
    const search = searchTerms(filters.q, parameters);
    // order_ids_matching: the substring matches through the trigram indexes (migration 20261127410000).
    where.push(`o.id IN (
      SELECT id FROM orders WHERE tenant_id = ${tenant} AND (source_number = ${search.sourceNumber} OR number = ${search.number})
      UNION SELECT id FROM order_ids_matching(${tenant}, ${search.like}))`);
  }
  return where;
}
