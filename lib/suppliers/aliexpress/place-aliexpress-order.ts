import { aliexpressBusinessCall, AliExpressError } from '@/lib/suppliers/aliexpress/aliexpress-api';
import type { TAddress } from '@/lib/orders/canonical-order';

export type TAliExpressItem = { productId: string; quantity: number; skuAttr: string | null; logisticsService: string | null };

export type TPlacementRequest = { outOrderId: string; address: TAddress; items: TAliExpressItem[]; memo: string };

export type TPlacementResult = { kind: 'placed'; externalIds: string[] } | { kind: 'repeated'; externalIds: string[] } | { kind: 'refused'; code: string; message: string };

/** The request body of aliexpress.ds.order.create (platforms.md D3), JSON strings as the API wants. */
export function placementParameters(request: TPlacementRequest): Record<string, string> {
  const address = request.address;
  return {
    param_place_order_request4_open_api_d_t_o: JSON.stringify({
      logistics_address: {
        address: address.address1 ?? '',
        address2: address.address2 ?? '',
        city: address.city ?? '',
        province: address.province ?? '',
        zip: address.postalCode ?? '',
        country: address.countryCode ?? '',
        contact_person: address.name ?? '',
        full_name: address.name ?? '',
        mobile_no: address.phone ?? '',
        phone_country: '',
        locale: 'en_US',
      },
      product_items: request.items.map((item) => ({
        product_id: item.productId,
        product_count: item.quantity,
        sku_attr: item.skuAttr ?? '',
        logistics_service_name: item.logisticsService ?? '',
        order_memo: request.memo,
      })),
    }),
    ds_extend_request: JSON.stringify({ payment: { pay_currency: 'USD', try_to_pay: 'false' }, trade_extra_param: { business_model: 'retail' } }),
    // Whether AliExpress honours an idempotency key is not confirmed; it costs nothing to send one.
    out_order_id: request.outOrderId,
  };
}

const idsIn = (text: string) => [...new Set(text.match(/\d{8,20}/g) ?? [])];

/**
 * Places the supplier order. A REPEATED_ORDER_ERROR means an earlier call (whose answer was lost
 * to a timeout or a crash) already created it: the ids it names are taken as the placement's.
 */
export async function placeAliExpressOrder(accessToken: string, request: TPlacementRequest): Promise<TPlacementResult> {
  try {
    const result = await aliexpressBusinessCall('aliexpress.ds.order.create', accessToken, placementParameters(request));
    const success = result.is_success === true || String(result.is_success) === 'true';
    const list = (result.order_list as { number?: unknown[] } | unknown[] | undefined) ?? [];
    const externalIds = (Array.isArray(list) ? list : (list.number ?? [])).map(String);
    if (success && externalIds.length) return { kind: 'placed', externalIds };
    const code = String(result.error_code ?? 'UNKNOWN');
    const message = String(result.error_msg ?? 'AliExpress placed no order');
    if (code === 'REPEATED_ORDER_ERROR') return { kind: 'repeated', externalIds: idsIn(message) };
    return { kind: 'refused', code, message };
  } catch (error) {
    if (error instanceof AliExpressError && error.code === 'REPEATED_ORDER_ERROR') return { kind: 'repeated', externalIds: idsIn(error.message) };
    if (error instanceof AliExpressError) return { kind: 'refused', code: error.code, message: error.message };
    throw error;
  }
}
