import fc from 'fast-check';
import { LosslessNumber, stringify } from 'lossless-json';

// Generated webhook payloads for the adapter fuzz properties: valid shapes with random values
// (platforms.md A5, B6, C3), and mutations of them — missing fields, wrong types, huge strings,
// unicode, numbers as strings and strings as numbers, 20-digit ids.

export type TJson = null | boolean | number | string | LosslessNumber | TJson[] | { [key: string]: TJson };

/** A generated payload and what a correct adapter must read from it while it is still valid. */
export type TGeneratedOrder = {
  payload: { [key: string]: TJson };
  expected: { externalId: string; sourceNumber: string; lineCount: number };
};

// ── values ──────────────────────────────────────────────────────────────────────────────────

const digit = fc.constantFrom(...'0123456789'.split(''));
const digits = (minLength: number, maxLength: number) => fc.string({ unit: digit, minLength, maxLength });
/** Digits a JSON number can start with: no leading zero. */
const integerDigits = (minLength: number, maxLength: number) =>
  fc.tuple(fc.constantFrom(...'123456789'.split('')), digits(minLength - 1, maxLength - 1)).map(([first, rest]) => first + rest);

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const specialTexts = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '😀🇧🇷👩‍👩‍👧',
  'مرحبا بالعالم',
  '注文番号',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\u202eevil',
  '<script>alert(1)</script>',
  "'; DROP TABLE orders; --",
  '&ndash; &#8211; &#x2013; &amp; &#99999999; &#x110000; &#0; &#xD800; &bogus;',
  'null',
  '1e309',
  '\\',
  '"',
  '\n\t\r',
];

/** Free text as shoppers and merchants type it, and worse. */
export const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...specialTexts) },
);

const hugeText = fc.constantFrom(2000, 2001, 70_000).chain((length) =>
  fc.constantFrom('x', 'é', '😀', '\u0000').map((unit) => unit.repeat(Math.ceil(length / unit.length))),
);

const email = fc.oneof(fc.emailAddress(), fc.constant(''), fc.constant(null));
const phone = fc.oneof(fc.constant(null), fc.constant(''), digits(7, 15).map((number) => `+${number}`), fc.constant('(+1)512*****00'));
const currency = fc.constantFrom('USD', 'EUR', 'GBP', 'JPY', 'KWD', 'BRL', 'CNY', 'usd', ' eur ');

/** A decimal string as the platforms send money ("254.98"), now and then with odd precision. */
const moneyString = fc
  .tuple(integerDigits(1, 9), fc.option(digits(1, 6), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
const moneyNumber = fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true });
const money = fc.oneof({ weight: 4, arbitrary: moneyString }, { weight: 1, arbitrary: moneyNumber }, { weight: 1, arbitrary: fc.constantFrom('0', '0.00', '0.5') });

/** Order ids: short or 20 digits, as a bare JSON integer (beyond 2^53 too) or as a string. */
const idDigits = fc.oneof(integerDigits(1, 15), integerDigits(16, 20), fc.constant('99999999999999999999'));
const idValue = (value: string) => fc.constantFrom<TJson>(new LosslessNumber(value), value);

const instant = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
/** ISO-8601 with the shop's UTC offset, as Shopify writes it ("2020-09-10T04:26:51-04:00"). */
const isoWithOffset = fc.tuple(instant, fc.integer({ min: -12 * 4, max: 14 * 4 })).map(([date, quarters]) => {
  const minutes = quarters * 15;
  const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
});
const isoDate = fc.oneof(isoWithOffset, instant.map((date) => date.toISOString()));
/** WooCommerce's `*_gmt`: UTC without an offset. */
const wooDate = instant.map((date) => date.toISOString().slice(0, 19));
const unixSeconds = instant.map((date) => Math.floor(date.getTime() / 1000));

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

// ── Shopify (platforms.md A5) ───────────────────────────────────────────────────────────────

const shopifyAddress = fc.record({
  first_name: optional(text),
  last_name: optional(text),
  name: optional(text),
  company: optional(text),
  address1: optional(text),
  address2: optional(text),
  city: optional(text),
  province: optional(text),
  province_code: optional(fc.constantFrom('TX', 'CA', 'NY')),
  zip: optional(digits(5, 5)),
  country_code: optional(fc.constantFrom('US', 'BR', 'DE')),
  phone,
});

export const shopifyOrder: fc.Arbitrary<TGeneratedOrder> = fc
  .record({
    id: idDigits,
    withGid: fc.boolean(),
    number: integerDigits(1, 11),
    prefix: fc.constantFrom('#', '#', '', 'SHOP-', 'TT#'),
    suffix: fc.constantFrom('', '', '-A'),
    nameAsNumber: fc.boolean(),
    email,
    created_at: isoDate,
    updated_at: isoDate,
    cancelled_at: optional(isoDate),
    currency,
    total_price: money,
    subtotal_price: optional(money),
    financial_status: optional(fc.constantFrom('pending', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded', 'voided', 'expired')),
    fulfillment_status: optional(fc.constantFrom('fulfilled', 'partial', 'restocked', 'pending')),
    source_name: fc.constantFrom('web', 'pos', 'shopify_draft_order', 'tiktok', 'TikTok Shop'),
    source_identifier: optional(fc.oneof(text, integerDigits(15, 20))),
    tags: fc.oneof(fc.constant(''), text, fc.array(text, { maxLength: 3 }).map((tags) => tags.join(', '))),
    note_attributes: fc.array(fc.record({ name: fc.oneof(text, fc.constant('TikTok order id')), value: fc.oneof(text, integerDigits(15, 20)) }), { maxLength: 3 }),
    customer: optional(fc.record({ first_name: optional(text), last_name: optional(text), email, phone })),
    shipping_address: optional(shopifyAddress),
    billing_address: optional(shopifyAddress),
    lines: fc.array(
      fc.record({
        id: idDigits,
        sku: fc.oneof(fc.constant(null), fc.constant(''), text),
        title: text,
        variant_title: optional(text),
        quantity: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }).map(String)),
        price: money,
      }),
      { maxLength: 5 },
    ),
  })
  .chain((order) =>
    fc.tuple(idValue(order.id), fc.tuple(...order.lines.map((line) => idValue(line.id)))).map(([id, lineIds]) => {
      const name = order.nameAsNumber && order.prefix === '' && order.suffix === '' ? Number(order.number) : `${order.prefix}${order.number}${order.suffix}`;
      const payload: { [key: string]: TJson } = {
        id,
        ...(order.withGid ? { admin_graphql_api_id: `gid://shopify/Order/${order.id}` } : {}),
        name,
        email: order.email,
        created_at: order.created_at,
        updated_at: order.updated_at,
        cancelled_at: order.cancelled_at,
        currency: order.currency,
        total_price: order.total_price,
        subtotal_price: order.subtotal_price,
        financial_status: order.financial_status,
        fulfillment_status: order.fulfillment_status,
        source_name: order.source_name,
        source_identifier: order.source_identifier,
        tags: order.tags,
        note_attributes: order.note_attributes,
        customer: order.customer,
        shipping_address: order.shipping_address,
        billing_address: order.billing_address,
        line_items: order.lines.map((line, index) => ({
          id: lineIds[index]!,
          sku: line.sku,
          title: line.title,
          name: line.variant_title ? `${line.title} - ${line.variant_title}` : line.title,
          variant_title: line.variant_title,
          quantity: line.quantity,
          price: line.price,
        })),
      };
      return {
        payload,
        expected: { externalId: order.id, sourceNumber: String(name).replace(/^#/, ''), lineCount: order.lines.length },
      };
    }),
  );

// ── WooCommerce (platforms.md B6) ───────────────────────────────────────────────────────────

const wooAddress = fc.record({
  first_name: text,
  last_name: text,
  company: text,
  address_1: text,
  address_2: text,
  city: text,
  state: fc.constantFrom('', 'VA', 'SP'),
  postcode: digits(0, 8),
  country: fc.constantFrom('', 'US', 'BR'),
  email: fc.oneof(fc.emailAddress(), fc.constant('')),
  phone: fc.oneof(fc.constant(''), digits(7, 15)),
});

const entityName = fc.tuple(text, fc.constantFrom('&ndash;', '&#8211;', '&#x2013;', '&amp;', '&nbsp;', '&hellip;', '&#039;', '&unknown;'), text).map((parts) => parts.join(' '));

export const wooOrder: fc.Arbitrary<TGeneratedOrder> = fc
  .record({
    id: fc.integer({ min: 1, max: 2_147_483_647 }),
    number: fc.oneof(integerDigits(1, 10), fc.constantFrom('WC-1001', '2026/0042', '1001-1')),
    numberAsNumber: fc.boolean(),
    status: fc.constantFrom('pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash', 'custom-status'),
    currency,
    total: money,
    date_created_gmt: wooDate,
    date_modified_gmt: optional(wooDate),
    billing: optional(wooAddress),
    shipping: optional(wooAddress),
    lines: fc.array(
      fc.record({
        id: fc.integer({ min: 1, max: 2_147_483_647 }),
        name: fc.oneof(text, entityName),
        sku: fc.oneof(fc.constant(null), fc.constant(''), text),
        quantity: fc.integer({ min: 0, max: 1000 }),
        total: moneyString,
        price: moneyNumber,
      }),
      { maxLength: 5 },
    ),
  })
  .map((order) => {
    const number = order.numberAsNumber && /^\d+$/.test(order.number) ? Number(order.number) : order.number;
    return {
      payload: {
        id: order.id,
        parent_id: 0,
        number,
        status: order.status,
        currency: order.currency,
        total: order.total,
        date_created: order.date_created_gmt,
        date_created_gmt: order.date_created_gmt,
        date_modified: order.date_modified_gmt,
        date_modified_gmt: order.date_modified_gmt,
        billing: order.billing,
        shipping: order.shipping,
        line_items: order.lines.map((line) => ({ ...line, subtotal: line.total })),
      },
      expected: { externalId: String(order.id), sourceNumber: String(number).trim() || String(order.id), lineCount: order.lines.length },
    };
  });

// ── TikTok Shop (platforms.md C3) ───────────────────────────────────────────────────────────

export const tiktokOrder: fc.Arbitrary<TGeneratedOrder> = fc
  .record({
    id: integerDigits(15, 20),
    status: fc.constantFrom('UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING', 'AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED', 'CANCELLED', 'NEW_STATUS'),
    create_time: fc.oneof(unixSeconds, unixSeconds.map(String)),
    update_time: fc.oneof(unixSeconds, unixSeconds.map(String)),
    cancel_time: optional(unixSeconds),
    buyer_email: email,
    payment: fc.record({ currency, total_amount: money, sub_total: optional(money) }),
    recipient_address: fc.option(
      fc.record({
        name: optional(text),
        first_name: optional(text),
        last_name: optional(text),
        phone_number: phone,
        address_line1: optional(text),
        address_line2: optional(text),
        address_detail: optional(text),
        postal_code: optional(digits(5, 5)),
        region_code: fc.constant('US'),
        district_info: fc.array(fc.record({ address_level: fc.constantFrom('L0', 'L1', 'L2', 'L3'), address_name: text }), { maxLength: 4 }),
      }),
      { nil: undefined },
    ),
    // One unit per line item; the same sku_id repeats for more units.
    skus: fc.uniqueArray(fc.record({ sku_id: integerDigits(15, 19), seller_sku: fc.oneof(fc.constant(''), text), product_name: text, sku_name: text, sale_price: money, units: fc.integer({ min: 1, max: 3 }) }), {
      maxLength: 4,
      selector: (sku) => sku.sku_id,
    }),
  })
  .map((order) => {
    let unit = 0;
    const lineItems = order.skus.flatMap((sku) =>
      Array.from({ length: sku.units }, () => ({
        id: `${order.id.slice(0, 10)}${String(unit++).padStart(8, '0')}`,
        sku_id: sku.sku_id,
        seller_sku: sku.seller_sku,
        product_name: sku.product_name,
        sku_name: sku.sku_name,
        sale_price: sku.sale_price,
      })),
    );
    const { skus: _skus, recipient_address: recipient, ...rest } = order;
    return {
      payload: { ...rest, ...(recipient ? { recipient_address: recipient } : {}), line_items: lineItems } as { [key: string]: TJson },
      expected: { externalId: order.id, sourceNumber: order.id, lineCount: order.skus.length },
    };
  });

// ── mutations ───────────────────────────────────────────────────────────────────────────────

type TPath = Array<string | number>;

function pathsOf(value: TJson, prefix: TPath = []): TPath[] {
  if (value === null || typeof value !== 'object' || value instanceof LosslessNumber) return [];
  const entries: Array<[string | number, TJson]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function clone(value: TJson): TJson {
  if (value === null || typeof value !== 'object' || value instanceof LosslessNumber) return value;
  if (Array.isArray(value)) return value.map(clone);
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, clone(child)]));
}

const wrongTypes: TJson[] = [null, true, false, 0, -1, 1.5, -0.01, '', 'abc', [], {}, [1, 2], { a: 1 }, 'NaN', 'Infinity', '12abc', ' 42 '];

const mutationKinds = ['delete', 'wrongType', 'json', 'huge', 'unicode', 'numberAsString', 'stringAsNumber', 'bigId', 'extreme'] as const;

export type TMutation = { selector: number; kind: (typeof mutationKinds)[number]; value: TJson };

const mutation: fc.Arbitrary<TMutation> = fc.oneof(
  fc.record({ selector: fc.nat(), kind: fc.constant('delete' as const), value: fc.constant(null) }),
  fc.record({ selector: fc.nat(), kind: fc.constant('wrongType' as const), value: fc.constantFrom(...wrongTypes) }),
  fc.record({ selector: fc.nat(), kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<TJson> }),
  fc.record({ selector: fc.nat(), kind: fc.constant('huge' as const), value: hugeText }),
  fc.record({ selector: fc.nat(), kind: fc.constant('unicode' as const), value: text }),
  fc.record({ selector: fc.nat(), kind: fc.constant('numberAsString' as const), value: fc.constant(null) }),
  fc.record({ selector: fc.nat(), kind: fc.constant('stringAsNumber' as const), value: fc.constant(null) }),
  fc.record({
    selector: fc.nat(),
    kind: fc.constant('bigId' as const),
    value: fc.constantFrom<TJson>(new LosslessNumber('12345678901234567890'), '12345678901234567890', new LosslessNumber('123456789012345678901234567890'), '99999999999999999999'),
  }),
  fc.record({
    selector: fc.nat(),
    kind: fc.constant('extreme' as const),
    value: fc.constantFrom<TJson>(new LosslessNumber('1e400'), new LosslessNumber('-1e400'), 1e308, 5e-324, -1, 2 ** 53 + 2, new LosslessNumber('1.00000000000000000001'), '-0', '1e9999'),
  }),
);

function replaceAt(root: TJson, path: TPath, replace: (current: TJson) => TJson | undefined): TJson {
  if (!path.length) return replace(root) ?? null;
  let parent = root as { [key: string]: TJson } | TJson[];
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, TJson>)[key] as typeof parent;
  const last = path[path.length - 1]!;
  const current = (parent as Record<string | number, TJson>)[last]!;
  const next = replace(current);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last as string];
  } else {
    (parent as Record<string | number, TJson>)[last] = next;
  }
  return root;
}

/** Applies mutations to a copy of `payload`; a selector past the last path mutates the root. */
export function applyMutations(payload: TJson, mutations: TMutation[]): TJson {
  let result = clone(payload);
  for (const change of mutations) {
    const paths = pathsOf(result);
    const path = change.selector % (paths.length + 1) === paths.length ? [] : paths[change.selector % (paths.length + 1)]!;
    result = replaceAt(result, path, (current) => {
      switch (change.kind) {
        case 'delete':
          return path.length ? undefined : null;
        case 'numberAsString':
          return typeof current === 'number' || current instanceof LosslessNumber ? String(current) : current;
        case 'stringAsNumber':
          return typeof current === 'string' && /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(current) ? new LosslessNumber(current) : current;
        default:
          return change.value;
      }
    });
  }
  return result;
}

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

/** The body bytes a platform would send for `payload` (bare integers stay exact). */
export function toBody(payload: TJson): string {
  return stringify(payload) ?? 'null';
}

/** Either a valid order or a mutated one (about one in four stays valid). */
export function validOrMutated(order: fc.Arbitrary<TGeneratedOrder>): fc.Arbitrary<{ body: string; isValid: boolean; expected: TGeneratedOrder['expected'] }> {
  return fc.tuple(order, fc.option(mutations, { freq: 4, nil: null })).map(([generated, changes]) => ({
    body: toBody(changes ? applyMutations(generated.payload, changes) : generated.payload),
    isValid: changes === null,
    expected: generated.expected,
  }));
}
