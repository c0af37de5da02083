import { shopifyGraphql, type TShopifyAccess } from '@/lib/platforms/shopify/shopify-graphql';

// Orders through the Admin GraphQL API, for backfill and reconciliation. Each node is turned
// into the REST shape that webhooks carry, so one adapter (normalizeShopifyOrder) reads both.

const orderFields = `
  id legacyResourceId name email phone createdAt updatedAt cancelledAt
  sourceName sourceIdentifier tags
  customAttributes { key value }
  displayFinancialStatus displayFulfillmentStatus currencyCode
  totalPriceSet { shopMoney { amount } }
  subtotalPriceSet { shopMoney { amount } }
  customer { firstName lastName email phone }
  shippingAddress { firstName lastName name company address1 address2 city province provinceCode zip countryCodeV2 phone }
  lineItems(first: 100) { nodes { id sku title variantTitle quantity originalUnitPriceSet { shopMoney { amount } } } }`;

const ordersQuery = `
  query orders($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys) {
    orders(first: $first, after: $after, query: $query, sortKey: $sortKey) {
      pageInfo { hasNextPage endCursor }
      nodes { ${orderFields} }
    }
  }`;

const countQuery = `query ordersCount($query: String) { ordersCount(query: $query, limit: null) { count } }`;

type TMoney = { shopMoney: { amount: string } } | null;
type TGraphqlOrder = {
  id: string;
  legacyResourceId: string;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  sourceName: string | null;
  sourceIdentifier: string | null;
  tags: string[];
  customAttributes: Array<{ key: string; value: string | null }>;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string | null;
  currencyCode: string;
  totalPriceSet: TMoney;
  subtotalPriceSet: TMoney;
  customer: { firstName: string | null; lastName: string | null; email: string | null; phone: string | null } | null;
  shippingAddress: Record<string, string | null> | null;
  lineItems: { nodes: Array<{ id: string; sku: string | null; title: string; variantTitle: string | null; quantity: number; originalUnitPriceSet: TMoney }> };
};

const fulfillmentStatuses: Record<string, string> = { FULFILLED: 'fulfilled', PARTIALLY_FULFILLED: 'partial' };

/** The REST-shaped order a webhook would carry for this GraphQL node. */
export function toRestOrder(node: TGraphqlOrder): Record<string, unknown> {
  const address = node.shippingAddress;
  return {
    id: node.legacyResourceId,
    admin_graphql_api_id: node.id,
    name: node.name,
    email: node.email,
    phone: node.phone,
    created_at: node.createdAt,
    updated_at: node.updatedAt,
    cancelled_at: node.cancelledAt,
    currency: node.currencyCode,
    total_price: node.totalPriceSet?.shopMoney.amount,
    subtotal_price: node.subtotalPriceSet?.shopMoney.amount ?? null,
    financial_status: node.displayFinancialStatus?.toLowerCase() ?? null,
    fulfillment_status: fulfillmentStatuses[node.displayFulfillmentStatus ?? ''] ?? null,
    source_name: node.sourceName,
    source_identifier: node.sourceIdentifier,
    tags: node.tags.join(', '),
    note_attributes: node.customAttributes.map((attribute) => ({ name: attribute.key, value: attribute.value })),
    customer: node.customer
      ? { first_name: node.customer.firstName, last_name: node.customer.lastName, email: node.customer.email, phone: node.customer.phone }
      : null,
    shipping_address: address
      ? {
          first_name: address.firstName,
          last_name: address.lastName,
          name: address.name,
          company: address.company,
          address1: address.address1,
          address2: address.address2,
          city: address.city,
          province: address.province,
          province_code: address.provinceCode,
          zip: address.zip,
          country_code: address.countryCodeV2,
          phone: address.phone,
        }
      : null,
    line_items: node.lineItems.nodes.map((line) => ({
      id: line.id.split('/').pop(),
      sku: line.sku,
      title: line.title,
      variant_title: line.variantTitle,
      quantity: line.quantity,
      price: line.originalUnitPriceSet?.shopMoney.amount,
    })),
  };
}

/** Shopify's search syntax for "created (or updated) since". */
export function shopifyQuerySince(field: 'created' | 'updated', since: Date): string {
  return `${field}_at:>='${since.toISOString()}'`;
}

export async function fetchShopifyOrderPage(access: TShopifyAccess, input: { field: 'created' | 'updated'; since: Date; after: string | null; first?: number }) {
  const result = await shopifyGraphql<{ orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: TGraphqlOrder[] } }>(access, ordersQuery, {
    first: input.first ?? 50,
    after: input.after,
    query: shopifyQuerySince(input.field, input.since),
    sortKey: input.field === 'created' ? 'CREATED_AT' : 'UPDATED_AT',
  });
  return {
    orders: result.orders.nodes.map(toRestOrder),
    nextCursor: result.orders.pageInfo.hasNextPage ? result.orders.pageInfo.endCursor : null,
  };
}

export async function countShopifyOrders(access: TShopifyAccess, field: 'created' | 'updated', since: Date): Promise<number | null> {
  const result = await shopifyGraphql<{ ordersCount: { count: number } | null }>(access, countQuery, { query: shopifyQuerySince(field, since) });
  return result.ordersCount?.count ?? null;
}
