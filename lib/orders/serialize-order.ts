import { formatAmount } from '@/lib/orders/money';
import type { TOrderStatus, TPlatform } from '@/lib/orders/canonical-order';
import type { TOrderStage } from '@/lib/orders/order-filters';
import type { TOrderExtras, TOrderTwinJson, TSupplierOrderJson } from '@/lib/orders/find-order-extras';

export type TOrderRow = {
  id: string;
  number: string;
  source_number: string;
  former_numbers: string[];
  store_id: string;
  platform: TPlatform;
  external_id: string;
  status: TOrderStatus;
  currency: string;
  total_price: string;
  placed_at: Date;
  customer_name: string | null;
  customer_email: string | null;
  origin_platform: TPlatform | null;
  origin_external_id: string | null;
  stage: TOrderStage;
  attention_reason: string | null;
};

export type TOrderLineRow = { order_id: string; sku: string | null; title: string; quantity: number; unit_price: string };
/** The lines of order `o` as the JSON column `lines`, in their order. */
export const orderLinesColumn = `(SELECT coalesce(json_agg(json_build_object('sku', l.sku, 'title', l.title, 'quantity', l.quantity, 'unit_price', l.unit_price::text) ORDER BY l.position), '[]')
     FROM order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id) AS lines`;
export type TOrderLinesColumn = { lines: Array<Omit<TOrderLineRow, 'order_id'>> };

/** The public Order JSON of REST API v1. Its shape is a contract: change it only additively. */
export type TOrderJson = {
  id: string;
  number: string;
  sourceNumber: string;
  formerNumbers: string[];
  storeId: string;
  platform: TPlatform;
  externalId: string;
  status: TOrderStatus;
  currency: string;
  totalPrice: string;
  createdAt: string;
  customer: { name: string | null; email: string | null } | null;
  lines: Array<{ sku: string | null; title: string; quantity: number; unitPrice: string }>;
  origin: { platform: TPlatform; externalId: string } | null;
  twins: TOrderTwinJson[];
  supplierOrders: TSupplierOrderJson[];
};

export const orderColumns = `o.id, o.number, o.source_number, o.former_numbers, o.store_id, o.platform, o.external_id, o.status,
  o.currency, o.total_price::text AS total_price, o.placed_at, o.customer_name, o.customer_email, o.origin_platform, o.origin_external_id, o.stage, o.attention_reason`;

export function serializeOrder(row: TOrderRow, lines: TOrderLinesColumn['lines'], extras: TOrderExtras = { twins: [], supplierOrders: [] }): TOrderJson {
  return {
    id: row.id,
    number: row.number,
    sourceNumber: row.source_number,
    formerNumbers: row.former_numbers,
    storeId: row.store_id,
    platform: row.platform,
    externalId: row.external_id,
    status: row.status,
    currency: row.currency,
    totalPrice: formatAmount(row.total_price, row.currency),
    createdAt: row.placed_at.toISOString(),
    customer: row.customer_name || row.customer_email ? { name: row.customer_name, email: row.customer_email } : null,
    lines: lines.map((line) => ({
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      unitPrice: formatAmount(line.unit_price, row.currency),
    })),
    origin: row.origin_platform && row.origin_external_id ? { platform: row.origin_platform, externalId: row.origin_external_id } : null,
    twins: extras.twins,
    supplierOrders: extras.supplierOrders,
  };
}
