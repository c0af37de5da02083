import { z } from 'zod';
import { pool } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { ZOrderStatus, ZPlatform } from '@/lib/orders/canonical-order';
import { orderColumns, serializeOrder, type TOrderJson, type TOrderLineRow, type TOrderRow } from '@/lib/orders/serialize-order';

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

/** `#1001`, `1001` → the channel number; `1001-2` may also be a suffixed Order Center number. */
function numberSearchTerms(q: string): { sourceNumber: string; number: string } {
  const bare = q.replace(/^#/, '');
  return { sourceNumber: bare, number: `#${bare}` };
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * One page of a tenant's orders, newest first, by keyset on (placed_at, id): page 10,000 costs
 * what page 1 costs, where OFFSET would read every row before it.
 */
export async function listOrders(tenantId: string, rawQuery: TListOrdersQuery): Promise<{ data: TOrderJson[]; nextCursor: string | null }> {
  const query = ZListOrdersQuery.parse(rawQuery);
  const values: unknown[] = [tenantId];
  const where = ['o.tenant_id = $1'];
  const add = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.store) where.push(`o.store_id = ${add(query.store)}`);
  if (query.platform) where.push(`o.platform = ${add(query.platform)}`);
  if (query.status) where.push(`o.status = ${add(query.status)}`);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    where.push(`(o.placed_at, o.id) < (${add(cursor.placedAt)}, ${add(cursor.id)})`);
  }
  const limit = add(query.limit + 1);
  const scope = where.join(' AND ');
  let text = `SELECT ${orderColumns} FROM orders o WHERE ${scope} ORDER BY o.placed_at DESC, o.id DESC LIMIT ${limit}`;
  if (query.q) {
    const terms = numberSearchTerms(query.q);
    const sourceNumber = add(terms.sourceNumber);
    const number = add(terms.number);
    const like = add(likePattern(query.q));
    // Each way to match finds its orders with the page's filters and keyset position, and the
    // page is cut from their union before any order row is read: joining the matches back to
    // every order of a big tenant cost more than the search itself (bench, 1M orders). A SKU is
    // looked up among the tenant's distinct SKUs (order_skus), then its lines by exact SKU.
    text = `WITH page AS (
      SELECT id, placed_at FROM (
        SELECT o.id, o.placed_at FROM orders o WHERE ${scope} AND (o.source_number = ${sourceNumber} OR o.number = ${number})
        UNION SELECT o.id, o.placed_at FROM orders o WHERE ${scope} AND o.customer_email ILIKE ${like}
        UNION SELECT o.id, o.placed_at FROM orders o WHERE ${scope} AND o.customer_name ILIKE ${like}
        UNION SELECT o.id, o.placed_at FROM order_lines l JOIN orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
               WHERE l.tenant_id = $1 AND ${scope}
                 AND l.sku IN (SELECT sku FROM order_skus WHERE tenant_id = $1 AND sku ILIKE ${like})
      ) matches ORDER BY placed_at DESC, id DESC LIMIT ${limit})
    SELECT ${orderColumns} FROM page JOIN orders o ON o.tenant_id = $1 AND o.id = page.id ORDER BY o.placed_at DESC, o.id DESC`;
  }
  const { rows } = await pool().query<TOrderRow>(text, values);
  const page = rows.slice(0, query.limit);
  const lines = await findLines(tenantId, page.map((row) => row.id));
  const last = page[page.length - 1];
  return {
    data: page.map((row) => serializeOrder(row, lines.get(row.id) ?? [])),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ placedAt: last.placed_at, id: last.id }) : null,
  };
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
