import { z } from 'zod';
import { ZOrderStatus, ZPlatform } from '@/lib/orders/canonical-order';
import { orderTabs, type TOrderFilters } from '@/lib/orders/order-filters';

// The Order Center keeps every filter in the URL, so a view can be shared or bookmarked.

const text = (max: number) => z.preprocess((value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined), z.string().max(max).optional());
const date = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined),
  z.string().optional(),
);
const catchUndefined = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const ZOrderSearchParams = z.object({
  tab: catchUndefined(z.enum(orderTabs)),
  store: text(64),
  channel: catchUndefined(ZPlatform),
  status: catchUndefined(ZOrderStatus),
  from: date,
  to: date,
  q: text(200),
  after: text(200),
  before: text(200),
});
export type TOrderSearchParams = z.infer<typeof ZOrderSearchParams>;

export function parseOrderSearchParams(raw: Record<string, string | string[] | undefined>): TOrderSearchParams {
  const flat = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return ZOrderSearchParams.parse(flat);
}

/** The filters of the URL; `to` is inclusive, so the range ends before the next day. */
export function filtersOf(params: TOrderSearchParams, visibleStoreIds: string[] | null): TOrderFilters {
  return {
    q: params.q,
    storeId: params.store,
    platform: params.channel,
    status: params.status,
    tab: params.tab ?? 'to_order',
    placedFrom: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
    placedBefore: params.to ? new Date(new Date(`${params.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
    visibleStoreIds,
  };
}

/** The same URL with some parameters changed (undefined removes one); paging restarts unless given. */
export function withSearchParams(params: TOrderSearchParams, changes: Partial<TOrderSearchParams>): string {
  const next: Record<string, string | undefined> = { ...params, after: undefined, before: undefined, ...changes };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `?${query}` : '?';
}
