import { Readable } from 'node:stream';

// Rows for the order-list benchmark, in COPY text format. Every field of row i is a pure function
// of i, so the orders stream and the lines stream agree on ids without sharing state, and every
// run loads the same data. Rows come in time order with tenants interleaved, as a shared table
// fills up in production: one tenant's orders are spread over the whole heap.

export type TListTenant = { tenantId: string; stores: Array<{ storeId: string; platform: string }> };
export type TOrderSpace = { big: TListTenant; others: TListTenant[]; bigOrders: number; total: number; startMs: number; spanMs: number };

const statuses: Array<[string, string, number]> = [
  ['paid', 'paid', 0.6],
  ['fulfilled', 'fulfilled', 0.25],
  ['pending', 'pending', 0.08],
  ['cancelled', 'cancelled', 0.04],
  ['refunded', 'refunded', 0.02],
  ['partially_fulfilled', 'partially_fulfilled', 0.01],
];
const syllables = ['ka', 'lo', 'mi', 'ren', 'to', 'sa', 'vel', 'dor', 'an', 'is', 'ber', 'qu', 'ton', 'lin', 'mar', 'ost', 'ela', 'fin', 'gar', 'hu'];
const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);
export const firstNames = Array.from({ length: 200 }, (_, n) => capital(syllables[n % 20]! + syllables[(n * 7 + 3) % 20]! + (n >= 100 ? 'a' : '')));
export const lastNames = Array.from({ length: 2000 }, (_, n) => capital(syllables[n % 20]! + syllables[Math.floor(n / 20) % 20]! + syllables[(Math.floor(n / 400) * 3 + 5) % 20]! + 'son'.slice(0, n % 4)));
const domains = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'proton.me', 'hotmail.com'];
const products = ['LED-STRIP', 'PHONE-CASE', 'MUG', 'YOGA-MAT', 'DESK-LAMP', 'EARBUDS', 'BACKPACK', 'WATCH-BAND', 'PLANTER', 'CABLE-USB'];
const colors = ['BLK', 'WHT', 'RED', 'BLU', 'GRN'];
export const skuOf = (n: number) => `${products[n % 10]}-${colors[Math.floor(n / 10) % 5]}-${String(n).padStart(4, '0')}`;
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** A well-mixed 32-bit hash of (i, salt) as a number in [0, 1). */
export function hashOf(index: number, salt: number): number {
  let value = (Math.imul(index, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) >>> 0;
  value ^= value >>> 15;
  value = Math.imul(value, 0x2c1b3c6d);
  value ^= value >>> 12;
  value = Math.imul(value, 0x297a2d39);
  value ^= value >>> 15;
  return (value >>> 0) / 4294967296;
}

function base32(value: number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) {
    text = alphabet[value % 32] + text;
    value = Math.floor(value / 32);
  }
  return text;
}

export const isBigTenantRow = (space: TOrderSpace, index: number) =>
  Math.floor(((index + 1) * space.bigOrders) / space.total) > Math.floor((index * space.bigOrders) / space.total);

export function orderIdOf(space: TOrderSpace, index: number): string {
  return `ord_${base32(space.startMs + Math.floor((index * space.spanMs) / space.total), 10)}${base32(index, 16)}`;
}

/** Row i's placing time: the orders come in time order over the span. */
const placedAtOf = (space: TOrderSpace, index: number) => new Date(space.startMs + Math.floor((index * space.spanMs) / space.total)).toISOString();

export const sourceNumberOf = (index: number) => String(1_000_000 + index);

function tenantOf(space: TOrderSpace, index: number): TListTenant {
  return isBigTenantRow(space, index) ? space.big : space.others[index % space.others.length]!;
}

export function customerOf(index: number): { name: string; email: string } {
  const first = firstNames[Math.floor(hashOf(index, 1) * firstNames.length)]!;
  const last = lastNames[Math.floor(hashOf(index, 2) * lastNames.length)]!;
  const domain = domains[Math.floor(hashOf(index, 3) * domains.length)]!;
  return { name: `${first} ${last}`, email: `${first}.${last}${Math.floor(hashOf(index, 4) * 100)}@${domain}`.toLowerCase() };
}

export const lineCountOf = (space: TOrderSpace, index: number) => (isBigTenantRow(space, index) ? 1 + Math.floor(hashOf(index, 5) * 3) : 1);
export const skuNumberOf = (index: number, position: number) => Math.floor(hashOf(index, 10 + position) * 3000);

function orderRow(space: TOrderSpace, index: number): string {
  const tenant = tenantOf(space, index);
  const store = tenant.stores[Math.floor(hashOf(index, 8) * tenant.stores.length)]!;
  const draw = hashOf(index, 6);
  let cumulative = 0;
  const [status, sourceStatus] = statuses.find(([, , share]) => (cumulative += share) > draw) ?? statuses[0]!;
  const total = (5 + hashOf(index, 7) * 295).toFixed(2);
  const customer = customerOf(index);
  const placed = placedAtOf(space, index);
  const address = `{"name":"${customer.name}","city":"Austin","province":"TX","postalCode":"73301","countryCode":"US","address1":"${index % 900} Main St"}`;
  const externalId = store.platform === 'tiktok' ? `57${String(index).padStart(17, '0')}` : String(index + 1);
  const sourceNumber = store.platform === 'tiktok' ? externalId : sourceNumberOf(index);
  return [
    tenant.tenantId, orderIdOf(space, index), store.storeId, store.platform, externalId, sourceNumber, `#${sourceNumber}`,
    status, sourceStatus, 'USD', total, total, customer.name, customer.email, address, placed, placed, placed, placed,
  ].join('\t');
}

function lineRows(space: TOrderSpace, index: number): string {
  const tenantId = tenantOf(space, index).tenantId;
  const orderId = orderIdOf(space, index);
  const placed = placedAtOf(space, index);
  const rows: string[] = [];
  for (let position = 0; position < lineCountOf(space, index); position++) {
    const skuNumber = skuNumberOf(index, position);
    const price = (3 + (skuNumber % 97)).toFixed(2);
    rows.push([tenantId, `lin_${orderId.slice(4)}${position}`, orderId, position, skuOf(skuNumber), `${products[skuNumber % 10]} item`, 1 + (index % 3), price, placed].join('\t'));
  }
  return rows.join('\n');
}

export const orderColumns = `tenant_id, id, store_id, platform, external_id, source_number, number, status, source_status, currency,
  total_price, subtotal_price, customer_name, customer_email, shipping_address, placed_at, source_updated_at, created_at, updated_at`;
export const lineColumns = 'tenant_id, id, order_id, position, sku, title, quantity, unit_price, placed_at';

/** A stream of COPY text for rows [from, to), in chunks. */
export function copyStream(space: TOrderSpace, kind: 'orders' | 'lines', from: number, to: number): Readable {
  let next = from;
  const render = kind === 'orders' ? orderRow : lineRows;
  return new Readable({
    read() {
      if (next >= to) return void this.push(null);
      const end = Math.min(to, next + 2000);
      const chunk: string[] = [];
      for (; next < end; next++) chunk.push(render(space, next));
      this.push(`${chunk.join('\n')}\n`);
    },
  });
}
