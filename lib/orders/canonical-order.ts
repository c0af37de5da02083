import { z } from 'zod';

export const ZPlatform = z.enum(['shopify', 'woocommerce', 'tiktok']);
export type TPlatform = z.infer<typeof ZPlatform>;

export const ZOrderStatus = z.enum(['pending', 'paid', 'partially_fulfilled', 'fulfilled', 'cancelled', 'refunded']);
export type TOrderStatus = z.infer<typeof ZOrderStatus>;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text Postgres can store. JSON allows "\u0000" and lone surrogates ("\ud800") in any string,
 * but text and jsonb columns refuse NUL and jsonb refuses lone surrogates: one such character
 * in a customer's name would fail the whole order on every retry.
 */
export function toStorableText(value: string): string {
  return value.replaceAll('\u0000', '').replace(loneSurrogate, '\uFFFD');
}

/** A string, made storable, then checked by `schema`. */
const storable = (schema: z.ZodString = z.string()) => z.string().transform(toStorableText).pipe(schema);

const ZAmount = z.string().regex(/^-?\d{1,16}(\.\d{1,4})?$/, 'must be a decimal amount');
const ZText = storable(z.string().max(2000));

export const ZAddress = z.object({
  name: ZText.nullable(),
  company: ZText.nullable(),
  address1: ZText.nullable(),
  address2: ZText.nullable(),
  city: ZText.nullable(),
  province: ZText.nullable(),
  postalCode: ZText.nullable(),
  countryCode: ZText.nullable(),
  phone: ZText.nullable(),
});
export type TAddress = z.infer<typeof ZAddress>;

export const ZCanonicalLine = z.object({
  externalLineId: storable(z.string().max(64)).nullable(),
  sku: storable(z.string().max(255)).nullable(),
  title: ZText,
  quantity: z.number().int().min(0).max(1_000_000),
  unitPrice: ZAmount,
});
export type TCanonicalLine = z.infer<typeof ZCanonicalLine>;

/**
 * One order as every platform adapter hands it to recordOrder(). Branded: only an order that went
 * through this schema has the type, so recordOrder() takes it as checked and does not check it again.
 */
export const ZCanonicalOrder = z.object({
  externalId: storable(z.string().min(1).max(64)),
  sourceNumber: storable(z.string().min(1).max(64)),
  status: ZOrderStatus,
  sourceStatus: storable(z.string().max(64)),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
  totalPrice: ZAmount,
  subtotalPrice: ZAmount.nullable(),
  placedAt: z.date(),
  sourceUpdatedAt: z.date(),
  cancelledAt: z.date().nullable(),
  customer: z
    .object({ name: ZText.nullable(), email: storable(z.string().max(320)).nullable(), phone: storable(z.string().max(64)).nullable() })
    .nullable(),
  shippingAddress: ZAddress.nullable(),
  lines: z.array(ZCanonicalLine).max(2000),
  origin: z.object({ platform: ZPlatform, externalId: storable(z.string().min(1).max(64)) }).nullable(),
}).brand<'CanonicalOrder'>();
export type TCanonicalOrder = z.infer<typeof ZCanonicalOrder>;
