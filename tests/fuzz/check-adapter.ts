import { ZCanonicalOrder, type TCanonicalOrder } from '@/lib/orders/canonical-order';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { parseJsonLossless } from '@/lib/platforms/parse-json';

export type TAdapterOutcome = { kind: 'order'; order: TCanonicalOrder } | { kind: 'rejected'; reason: string };

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Strings of `value` that Postgres would refuse: NUL anywhere (text, jsonb), lone surrogates (jsonb). */
export function unstorableStrings(value: unknown, path = 'order'): string[] {
  if (typeof value === 'string') return value.includes('\u0000') || loneSurrogate.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableStrings(item, `${path}[${index}]`));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, child]) => unstorableStrings(child, `${path}.${key}`));
  }
  return [];
}

/**
 * Runs an adapter on a webhook body the way the worker does (lossless JSON parse first). The only
 * outcomes allowed: a canonical order that recordOrder can store, or a PayloadValidationError
 * with a reason. Anything else throws, and fails the property.
 */
export function runAdapter(normalize: (payload: unknown) => TCanonicalOrder, body: string): TAdapterOutcome {
  let order: TCanonicalOrder;
  try {
    order = normalize(parseJsonLossless(body));
  } catch (error) {
    if (error instanceof PayloadValidationError && error.message.trim()) return { kind: 'rejected', reason: error.message };
    throw new Error(`The adapter threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} instead of a PayloadValidationError`);
  }
  const checked = ZCanonicalOrder.safeParse(order);
  if (!checked.success) throw new Error(`The adapter returned a non-canonical order: ${checked.error.message}`);
  const unstorable = unstorableStrings(order);
  if (unstorable.length) throw new Error(`The adapter returned text Postgres cannot store at ${unstorable.join(', ')}`);
  return { kind: 'order', order };
}
