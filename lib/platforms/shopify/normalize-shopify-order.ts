import { z } from 'zod';
import { ZCanonicalOrder, type TCanonicalOrder, type TOrderStatus } from '@/lib/orders/canonical-order';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { extractTikTokOrderId } from '@/lib/platforms/shopify/extract-tiktok-order-id';
import { joinName, ZCurrency, ZExternalId, ZIsoDate, ZMoneyInput, ZOptionalText, ZQuantity } from '@/lib/platforms/fields';

const ZShopifyAddress = z
  .object({
    first_name: ZOptionalText,
    last_name: ZOptionalText,
    name: ZOptionalText,
    company: ZOptionalText,
    address1: ZOptionalText,
    address2: ZOptionalText,
    city: ZOptionalText,
    province: ZOptionalText,
    province_code: ZOptionalText,
    zip: ZOptionalText,
    country_code: ZOptionalText,
    phone: ZOptionalText,
  })
  .nullish();

// The REST-shaped Order JSON of orders/* webhooks (platforms.md A5).
export const ZShopifyOrder = z.object({
  id: ZExternalId,
  admin_graphql_api_id: z.string().nullish(),
  name: z.union([z.string(), z.number()]).transform(String),
  email: ZOptionalText,
  contact_email: ZOptionalText,
  phone: ZOptionalText,
  created_at: ZIsoDate,
  updated_at: ZIsoDate,
  cancelled_at: ZIsoDate.nullish(),
  currency: ZCurrency,
  total_price: ZMoneyInput,
  subtotal_price: ZMoneyInput.nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  source_name: ZOptionalText,
  source_identifier: ZOptionalText,
  // A comma-and-space separated string; tolerate an array.
  tags: z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .transform((value) => (Array.isArray(value) ? value.join(', ') : (value ?? null))),
  note_attributes: z.array(z.object({ name: z.unknown(), value: z.unknown() })).nullish(),
  customer: z.object({ first_name: ZOptionalText, last_name: ZOptionalText, email: ZOptionalText, phone: ZOptionalText }).nullish(),
  shipping_address: ZShopifyAddress,
  billing_address: ZShopifyAddress,
  line_items: z.array(
    z.object({
      id: ZExternalId,
      sku: ZOptionalText,
      title: ZOptionalText,
      name: ZOptionalText,
      variant_title: ZOptionalText,
      quantity: ZQuantity,
      price: ZMoneyInput,
    }),
  ),
});

function statusOf(order: z.infer<typeof ZShopifyOrder>): TOrderStatus {
  if (order.cancelled_at) return 'cancelled';
  const financial = order.financial_status?.toLowerCase() ?? '';
  if (financial === 'refunded') return 'refunded';
  if (financial === 'voided' || financial === 'expired') return 'cancelled';
  const fulfillment = order.fulfillment_status?.toLowerCase() ?? '';
  if (fulfillment === 'fulfilled') return 'fulfilled';
  if (fulfillment === 'partial') return 'partially_fulfilled';
  if (financial === 'paid' || financial === 'partially_refunded') return 'paid';
  return 'pending';
}

/** The id from admin_graphql_api_id when present: it survives any JSON parser intact. */
function externalIdOf(order: z.infer<typeof ZShopifyOrder>): string {
  const fromGid = order.admin_graphql_api_id?.match(/^gid:\/\/shopify\/Order\/(\d+)$/)?.[1];
  return fromGid ?? order.id;
}

export function normalizeShopifyOrder(payload: unknown): TCanonicalOrder {
  const parsed = ZShopifyOrder.safeParse(payload);
  if (!parsed.success) throw PayloadValidationError.fromZod('Shopify order', parsed.error);
  const order = parsed.data;
  const address = order.shipping_address;
  const tiktokOrderId = extractTikTokOrderId(order);
  const canonical = {
    externalId: externalIdOf(order),
    sourceNumber: order.name.trim().replace(/^#/, ''),
    status: statusOf(order),
    sourceStatus: [order.financial_status, order.fulfillment_status].filter(Boolean).join('/') || 'pending',
    currency: order.currency,
    totalPrice: order.total_price,
    subtotalPrice: order.subtotal_price ?? null,
    placedAt: order.created_at,
    sourceUpdatedAt: order.updated_at,
    cancelledAt: order.cancelled_at ?? null,
    // Guest orders have no customer, and protected customer data may be redacted: fall back to
    // what the order itself carries.
    customer:
      order.customer || order.email || address
        ? {
            name: joinName(order.customer?.first_name, order.customer?.last_name) ?? address?.name ?? joinName(address?.first_name, address?.last_name),
            email: order.customer?.email ?? order.email ?? order.contact_email ?? null,
            phone: order.customer?.phone ?? order.phone ?? null,
          }
        : null,
    shippingAddress: address
      ? {
          name: address.name ?? joinName(address.first_name, address.last_name),
          company: address.company,
          address1: address.address1,
          address2: address.address2,
          city: address.city,
          province: address.province_code ?? address.province,
          postalCode: address.zip,
          countryCode: address.country_code,
          phone: address.phone,
        }
      : null,
    lines: order.line_items.map((line) => ({
      externalLineId: line.id,
      sku: line.sku || null,
      title: line.title ?? line.name ?? '',
      quantity: line.quantity,
      unitPrice: line.price,
    })),
    origin: tiktokOrderId ? { platform: 'tiktok' as const, externalId: tiktokOrderId } : null,
  };
  const checked = ZCanonicalOrder.safeParse(canonical);
  if (!checked.success) throw PayloadValidationError.fromZod('Shopify order', checked.error);
  return checked.data;
}
