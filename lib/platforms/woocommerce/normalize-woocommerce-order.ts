import { z } from 'zod';
import { ZCanonicalOrder, type TCanonicalOrder, type TOrderStatus } from '@/lib/orders/canonical-order';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { divideMoney } from '@/lib/orders/money';
import { joinName, ZCurrency, ZExternalId, ZIsoDate, ZMoneyInput, ZOptionalText, ZQuantity } from '@/lib/platforms/fields';

const ZWooAddress = z
  .object({
    first_name: ZOptionalText,
    last_name: ZOptionalText,
    company: ZOptionalText,
    address_1: ZOptionalText,
    address_2: ZOptionalText,
    city: ZOptionalText,
    state: ZOptionalText,
    postcode: ZOptionalText,
    country: ZOptionalText,
    email: ZOptionalText,
    phone: ZOptionalText,
  })
  .nullish();

// The REST v3 order object that order.* webhooks deliver (platforms.md B6).
export const ZWooOrder = z.object({
  id: ZExternalId,
  // A string, and not always the id: sequential-number plugins rewrite it.
  number: z.union([z.string(), z.number()]).transform((value) => String(value).trim()),
  status: z.string(),
  currency: ZCurrency,
  total: ZMoneyInput,
  date_created_gmt: ZIsoDate.nullish(),
  date_created: ZIsoDate.nullish(),
  date_modified_gmt: ZIsoDate.nullish(),
  date_modified: ZIsoDate.nullish(),
  billing: ZWooAddress,
  shipping: ZWooAddress,
  line_items: z.array(
    z.object({
      id: ZExternalId,
      name: ZOptionalText,
      // A string, "" or null once the product is deleted.
      sku: ZOptionalText,
      quantity: ZQuantity,
      // `price` is a float (total / quantity); the string `total` is exact.
      total: ZMoneyInput.nullish(),
      subtotal: ZMoneyInput.nullish(),
      price: ZMoneyInput.nullish(),
    }),
  ),
});

const statusMap: Record<string, TOrderStatus> = {
  pending: 'pending',
  'on-hold': 'pending',
  failed: 'pending',
  processing: 'paid',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  refunded: 'refunded',
  trash: 'cancelled',
};

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#039': "'", apos: "'", ndash: '–', mdash: '—', nbsp: ' ', hellip: '…' };

/** Product names may carry HTML entities (`&ndash;`). One naming no character (`&#99999999;`) stays as it is. */
function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#') && entity !== '#039') {
      const codePoint = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    }
    return entities[entity.toLowerCase()] ?? whole;
  });
}

export function normalizeWooCommerceOrder(payload: unknown): TCanonicalOrder {
  const parsed = ZWooOrder.safeParse(payload);
  if (!parsed.success) throw PayloadValidationError.fromZod('WooCommerce order', parsed.error);
  const order = parsed.data;
  const placedAt = order.date_created_gmt ?? order.date_created;
  const updatedAt = order.date_modified_gmt ?? order.date_modified ?? placedAt;
  if (!placedAt || !updatedAt) throw new PayloadValidationError('Invalid WooCommerce order', ['date_created_gmt: missing']);
  const shipping = order.shipping?.address_1 || order.shipping?.first_name ? order.shipping : order.billing;
  const status = order.status.toLowerCase();
  const canonical = {
    externalId: order.id,
    sourceNumber: order.number || order.id,
    status: statusMap[status] ?? 'pending',
    sourceStatus: status.slice(0, 64),
    currency: order.currency,
    totalPrice: order.total,
    subtotalPrice: null,
    placedAt,
    sourceUpdatedAt: updatedAt,
    cancelledAt: status === 'cancelled' ? updatedAt : null,
    customer: order.billing
      ? {
          name: joinName(order.billing.first_name, order.billing.last_name),
          email: order.billing.email || null,
          phone: order.billing.phone || null,
        }
      : null,
    shippingAddress: shipping
      ? {
          name: joinName(shipping.first_name, shipping.last_name),
          company: shipping.company || null,
          address1: shipping.address_1 || null,
          address2: shipping.address_2 || null,
          city: shipping.city || null,
          province: shipping.state || null,
          postalCode: shipping.postcode || null,
          countryCode: shipping.country || null,
          phone: shipping.phone || order.billing?.phone || null,
        }
      : null,
    lines: order.line_items.map((line) => ({
      externalLineId: line.id,
      sku: line.sku || null,
      title: decodeEntities(line.name ?? ''),
      quantity: line.quantity,
      unitPrice: line.total && line.quantity > 0 ? divideMoney(line.total, line.quantity) : (line.price ?? line.total ?? '0'),
    })),
    origin: null,
  };
  const checked = ZCanonicalOrder.safeParse(canonical);
  if (!checked.success) throw PayloadValidationError.fromZod('WooCommerce order', checked.error);
  return checked.data;
}

export const ZWooDeletedOrder = z.object({ id: ZExternalId });
