import { aliexpressBusinessCall } from '@/lib/suppliers/aliexpress/aliexpress-api';

export type TSupplierStatus = 'awaiting_payment' | 'awaiting_shipment' | 'shipped' | 'delivered' | 'cancelled' | 'unknown';

export type TAliExpressOrderState = {
  status: TSupplierStatus;
  statusRaw: string;
  logisticsStatusRaw: string | null;
  amount: string | null;
  currency: string | null;
  trackingNumbers: string[];
  carrier: string | null;
};

const statusMap: Record<string, TSupplierStatus> = {
  PLACE_ORDER_SUCCESS: 'awaiting_payment',
  RISK_CONTROL: 'awaiting_payment',
  WAIT_SELLER_SEND_GOODS: 'awaiting_shipment',
  FUND_PROCESSING: 'awaiting_shipment',
  SELLER_PART_SEND_GOODS: 'shipped',
  WAIT_BUYER_ACCEPT_GOODS: 'shipped',
  FINISH: 'delivered',
  IN_CANCEL: 'cancelled',
};

/** Lists arrive either as arrays or wrapped one level deep (`{aeop_…: [...]}`); both are read. */
function listOf(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value as Array<Record<string, unknown>>;
  if (value && typeof value === 'object') {
    const inner = Object.values(value).find(Array.isArray);
    if (inner) return inner as Array<Record<string, unknown>>;
  }
  return [];
}

/** aliexpress.trade.ds.order.get (platforms.md D4), read into the hub's supplier order status. */
export async function fetchAliExpressOrder(accessToken: string, externalOrderId: string): Promise<TAliExpressOrderState> {
  const result = await aliexpressBusinessCall('aliexpress.trade.ds.order.get', accessToken, {
    order_id: externalOrderId,
    single_order_query: JSON.stringify({ order_id: externalOrderId }),
  });
  const statusRaw = String(result.order_status ?? 'UNKNOWN');
  const logisticsStatusRaw = result.logistics_status ? String(result.logistics_status) : null;
  const logistics = listOf(result.logistics_info_list);
  const amount = result.order_amount as { amount?: unknown; currency_code?: unknown } | undefined;
  let status = statusMap[statusRaw] ?? 'unknown';
  if (logisticsStatusRaw === 'BUYER_ACCEPT_GOODS') status = 'delivered';
  else if (logisticsStatusRaw === 'SELLER_SEND_GOODS' && (status === 'awaiting_shipment' || status === 'awaiting_payment')) status = 'shipped';
  return {
    status,
    statusRaw,
    logisticsStatusRaw,
    amount: amount?.amount !== undefined ? String(amount.amount) : null,
    currency: amount?.currency_code ? String(amount.currency_code) : null,
    trackingNumbers: logistics.map((entry) => String(entry.logistics_no ?? '')).filter(Boolean),
    carrier: logistics[0]?.logistics_service ? String(logistics[0].logistics_service) : null,
  };
}
