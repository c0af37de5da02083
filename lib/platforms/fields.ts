import { z } from 'zod';
import { toMoney } from '@/lib/orders/money';

// Field schemas shared by the platform adapters. Platforms disagree on types (ids as numbers or
// strings, money as strings or floats), so each accepts the documented forms and yields one.

/** An external id: a string, or an integer (already exact, see parseJsonLossless). */
export const ZExternalId = z
  .union([z.string(), z.number().nonnegative().refine(Number.isInteger, 'must be an id')])
  .transform((value) => (typeof value === 'number' ? BigInt(value).toString() : value.trim()))
  .pipe(z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:\/-]+$/, 'must be an id'));

export const ZMoneyInput = z.union([z.string(), z.number()]).transform((value, context) => {
  const amount = toMoney(value);
  if (amount === null) {
    context.addIssue({ code: 'custom', message: 'must be a decimal amount' });
    return z.NEVER;
  }
  return amount;
});

export const ZOptionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value).slice(0, 2000)));

export const ZCurrency = z
  .string()
  .transform((value) => value.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'));

/** ISO-8601 with or without an offset; without one it is taken as UTC (WooCommerce's *_gmt). */
export const ZIsoDate = z.string().transform((value, context) => {
  const text = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim()) ? value.trim() : `${value.trim()}Z`;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    context.addIssue({ code: 'custom', message: 'must be an ISO-8601 date' });
    return z.NEVER;
  }
  return date;
});

/** Unix seconds, as a number or a numeric string (TikTok). */
export const ZUnixSeconds = z.union([z.number(), z.string().regex(/^\d{1,12}$/)]).transform((value, context) => {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 32503680000) {
    context.addIssue({ code: 'custom', message: 'must be unix seconds' });
    return z.NEVER;
  }
  return new Date(seconds * 1000);
});

export const ZQuantity = z.union([z.number(), z.string().regex(/^\d{1,7}$/)]).transform((value, context) => {
  const quantity = Number(value);
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > 1_000_000) {
    context.addIssue({ code: 'custom', message: 'must be a whole quantity' });
    return z.NEVER;
  }
  return quantity;
});

export function joinName(...parts: Array<string | null | undefined>): string | null {
  const name = parts
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return name || null;
}
