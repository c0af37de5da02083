import { z } from 'zod';
import { ZCanonicalOrder, type TCanonicalLine, type TCanonicalOrder, type TOrderStatus } from '@/lib/orders/canonical-order';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { joinName, ZCurrency, ZExternalId, ZMoneyInput, ZOptionalText, ZUnixSeconds } from '@/lib/platforms/fields';

const ZDistrict = z.object({ address_level: ZOptionalText, address_name: ZOptionalText });

// The 202309 order object (platforms.md C3): string ids, unix-second times, decimal strings.
export const ZTikTokOrder = z.object({
  id: ZExternalId,
  status: z.string(),
  create_time: ZUnixSeconds,
  update_time: ZUnixSeconds,
  cancel_time: ZUnixSeconds.nullish(),
  buyer_email: ZOptionalText,
  payment: z.object({ currency: ZCurrency, total_amount: ZMoneyInput, sub_total: ZMoneyInput.nullish() }),
  // Absent while UNPAID or ON_HOLD.
  recipient_address: z
    .object({
      name: ZOptionalText,
      first_name: ZOptionalText,
      last_name: ZOptionalText,
      phone_number: ZOptionalText,
      address_line1: ZOptionalText,
      address_line2: ZOptionalText,
      address_detail: ZOptionalText,
      postal_code: ZOptionalText,
      region_code: ZOptionalText,
      district_info: z.array(ZDistrict).nullish(),
    })
    .nullish(),
  // One unit per line item: there is no quantity field.
  line_items: z.array(
    z.object({
      id: ZExternalId,
      sku_id: ZExternalId,
      seller_sku: ZOptionalText,
      product_name: ZOptionalText,
      sku_name: ZOptionalText,
      sale_price: ZMoneyInput,
    }),
  ),
});

const statusMap: Record<string, TOrderStatus> = {
  UNPAID: 'pending',
  ON_HOLD: 'pending',
  AWAITING_SHIPMENT: 'paid',
  AWAITING_COLLECTION: 'paid',
  PARTIALLY_SHIPPING: 'partially_fulfilled',
  IN_TRANSIT: 'fulfilled',
  DELIVERED: 'fulfilled',
  COMPLETED: 'fulfilled',
  CANCELLED: 'cancelled',
};

/** Aggregates the one-unit line items by sku_id into lines with a quantity. */
function aggregateLines(items: z.infer<typeof ZTikTokOrder>['line_items']): TCanonicalLine[] {
  const lines = new Map<string, TCanonicalLine>();
  for (const item of items) {
    const existing = lines.get(item.sku_id);
    if (existing) {
      existing.quantity += 1;
      continue;
    }
    lines.set(item.sku_id, {
      externalLineId: item.sku_id,
      sku: item.seller_sku || item.sku_id,
      title: [item.product_name, item.sku_name].filter(Boolean).join(' — '),
      quantity: 1,
      unitPrice: item.sale_price,
    });
  }
  return [...lines.values()];
}

/** The US state is level L1 of district_info (the mapping is not confirmed; tolerate its absence). */
function districtName(districts: Array<z.infer<typeof ZDistrict>> | null | undefined, level: string): string | null {
  return districts?.find((district) => district.address_level === level)?.address_name ?? null;
}

export function normalizeTikTokOrder(payload: unknown): TCanonicalOrder {
  const parsed = ZTikTokOrder.safeParse(payload);
  if (!parsed.success) throw PayloadValidationError.fromZod('TikTok Shop order', parsed.error);
  const order = parsed.data;
  const recipient = order.recipient_address;
  const status = order.status.toUpperCase();
  const canonical = {
    externalId: order.id,
    sourceNumber: order.id,
    status: statusMap[status] ?? 'pending',
    sourceStatus: status.slice(0, 64),
    currency: order.payment.currency,
    totalPrice: order.payment.total_amount,
    subtotalPrice: order.payment.sub_total ?? null,
    placedAt: order.create_time,
    sourceUpdatedAt: order.update_time,
    cancelledAt: status === 'CANCELLED' ? (order.cancel_time ?? order.update_time) : null,
    customer:
      recipient || order.buyer_email
        ? {
            name: recipient?.name ?? joinName(recipient?.first_name, recipient?.last_name),
            email: order.buyer_email,
            phone: recipient?.phone_number ?? null,
          }
        : null,
    shippingAddress: recipient
      ? {
          name: recipient.name ?? joinName(recipient.first_name, recipient.last_name),
          company: null,
          address1: recipient.address_line1 ?? recipient.address_detail,
          address2: recipient.address_line2,
          city: districtName(recipient.district_info, 'L3') ?? districtName(recipient.district_info, 'L2'),
          province: districtName(recipient.district_info, 'L1'),
          postalCode: recipient.postal_code,
          countryCode: recipient.region_code,
          phone: recipient.phone_number,
        }
      : null,
    lines: aggregateLines(order.line_items),
    origin: null,
  };
  const checked = ZCanonicalOrder.safeParse(canonical);
  if (!checked.success) throw PayloadValidationError.fromZod('TikTok Shop order', checked.error);
  return checked.data;
}
