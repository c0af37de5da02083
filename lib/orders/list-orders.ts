import { z } from 'zod';
import { pool } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors/app-error';
import { ZOrderStatus, ZPlatform } from '@/lib/orders/canonical-order';
import { orderConditions, searchTerms, SqlParameters, type TOrderFilters } from '@/lib/orders/order-filters';
import { orderExtrasColumns, orderExtrasOf, type TOrderExtrasColumns } from '@/lib/orders/find-order-extras';
import { orderColumns, orderLinesColumn, serializeOrder, type TOrderJson, type TOrderLineRow, type TOrderLinesColumn, type TOrderRow } from '@/lib/orders/serialize-order';

// `?q=&store=` means no filter: empty parameters count as absent.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const ZListOrdersQuery = z.object({
  q: optional(z.string().trim().max(200)),
  store: optional(z.string().max(64)),
  platform: optional(ZPlatform),
  status: optional(ZOrderStatus),
  limit: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(200).default(50)),
  cursor: optional(z.string().max(200)),
});
export type TListOrdersQuery = z.input<typeof ZListOrdersQuery>;

type TCursor = { placedAt: Date; id: string };

export function encodeCursor(cursor: TCursor): string {
  return Buffer.from(JSON.stringify([cursor.placedAt.toISOString(), cursor.id])).toString('base64url');
}

function decodeCursor(value: string): TCursor {
  try {
    const [placedAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(placedAt);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { placedAt: date, id };
  } catch {
    throw new AppError('bad_request', 'Invalid cursor');
  }
}

export type TOrderPage<R = TOrderRow> = { rows: R[]; nextCursor: string | null; previousCursor: string | null };

/**
 * One page of a tenant's orders, newest first, by keyset on (placed_at, id): page 10,000 costs
 * what page 1 costs, where OFFSET would read every row before it. `after` pages towards older
 * orders, `before` back towards newer ones. `columns` are read for the page's rows only (listOrders
 * adds each order's lines, twins and supplier orders).
 */
export async function findOrderPage<R extends TOrderRow = TOrderRow>(
  tenantId: string,
  filters: TOrderFilters,
  page: { limit: number; after?: string; before?: string },
  columns = orderColumns,
): Promise<TOrderPage<R>> {
  const parameters = new SqlParameters();
  const { q, ...withoutSearch } = filters;
  const where = orderConditions(tenantId, withoutSearch, parameters);
  const tenant = '$1'; // orderConditions adds the tenant first
  const isTenantWide = where.length === 1; // no filter but the tenant
  const isBackwards = Boolean(page.before) && !page.after;
  const cursorValue = page.after ?? page.before;
  let keyset: ((alias: string) => string) | null = null;
  if (cursorValue) {
    const cursor = decodeCursor(cursorValue);
    const bound = `(${parameters.add(cursor.placedAt)}, ${parameters.add(cursor.id)})`;
    keyset = (alias) => `(${alias}.placed_at, ${alias}.id) ${isBackwards ? '>' : '<'} ${bound}`;
    where.push(keyset('o'));
  }
  const direction = isBackwards ? 'ASC' : 'DESC';
  const limit = parameters.add(page.limit + 1);
  const scope = where.join(' AND ');
  let text = `SELECT ${columns} FROM orders o WHERE ${scope} ORDER BY o.placed_at ${direction}, o.id ${direction} LIMIT ${limit}`;
  if (q) {
    // Each way to match finds its orders with the page's filters and keyset position, and the page
    // is cut from their union before any order row is read: joining the matches back to every
    // order of a big tenant cost more than the search itself (bench, 1M orders). Substrings go
    // through order_ids_matching, which can use the trigram indexes under row-level security and
    // gives each match its placing time: without filters but the tenant, no order is read for
    // them (a SKU matches ~600 orders at 1M in the tenant) until the page is cut.
    const search = searchTerms(q, parameters);
    const substrings = isTenantWide
      ? `SELECT m.id, m.placed_at FROM order_ids_matching(${tenant}, ${search.like}) m${keyset ? ` WHERE ${keyset('m')}` : ''}`
      : `SELECT o.id, o.placed_at FROM order_ids_matching(${tenant}, ${search.like}) m
                 JOIN orders o ON o.tenant_id = ${tenant} AND o.id = m.id WHERE ${scope}`;
    text = `WITH page AS (
      SELECT id, placed_at FROM (
        SELECT o.id, o.placed_at FROM orders o WHERE ${scope} AND (o.source_number = ${search.sourceNumber} OR o.number = ${search.number})
        UNION ${substrings}
      ) matches ORDER BY placed_at ${direction}, id ${direction} LIMIT ${limit})
    SELECT ${columns} FROM page JOIN orders o ON o.tenant_id = ${tenant} AND o.id = page.id ORDER BY o.placed_at ${direction}, o.id ${direction}`;
  }
  const { rows } = await pool().query<R>(text, parameters.values);
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (isBackwards) pageRows.reverse();
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const towardsOlder = isBackwards ? Boolean(cursorValue) : hasMore;
  const towardsNewer = isBackwards ? hasMore : Boolean(cursorValue);
  return {
    rows: pageRows,
    nextCursor: towardsOlder && last ? encodeCursor({ placedAt: last.placed_at, id: last.id }) : null,
    previousCursor: towardsNewer && first ? encodeCursor({ placedAt: first.placed_at, id: first.id }) : null,
  };
}

/** REST v1: `{data, nextCursor}`. */
export async function listOrders(tenantId: string, rawQuery: TListOrdersQuery): Promise<{ data: TOrderJson[]; nextCursor: string | null }> {
  const query = ZListOrdersQuery.parse(rawQuery);
  // A store filter names one of the tenant's stores; any other id is not found, never an empty list.
  if (query.store) {
    const { rowCount } = await pool().query({ name: 'list-orders/store-exists', text: 'SELECT 1 FROM stores WHERE tenant_id = $1 AND id = $2', values: [tenantId, query.store] });
    if (!rowCount) throw notFound('Store not found');
  }
  // The page comes with each order's lines, twins and supplier orders in one statement.
  const page = await findOrderPage<TOrderRow & TOrderLinesColumn & TOrderExtrasColumns>(
    tenantId,
    { q: query.q, storeId: query.store, platform: query.platform, status: query.status },
    { limit: query.limit, after: query.cursor },
    `${orderColumns}, ${orderLinesColumn}, ${orderExtrasColumns}`,
  );
  return { data: page.rows.map((row) => serializeOrder(row, row.lines, orderExtrasOf(row))), nextCursor: page.nextCursor };
}

export async function findLines(tenantId: string, orderIds: string[]): Promise<Map<string, TOrderLineRow[]>> {
  const byOrder = new Map<string, TOrderLineRow[]>();
  if (!orderIds.length) return byOrder;
  const { rows } = await pool().query<TOrderLineRow>(
    `SELECT order_id, sku, title, quantity, unit_price::text AS unit_price
       FROM order_lines WHERE tenant_id = $1 AND order_id = ANY($2::text[]) ORDER BY order_id, position`,
    [tenantId, orderIds],
  );
  for (const row of rows) {
    const list = byOrder.get(row.order_id) ?? [];
    list.push(row);
    byOrder.set(row.order_id, list);
  }
  return byOrder;
}
