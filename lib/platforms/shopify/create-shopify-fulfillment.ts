import { PlatformRequestError } from '@/lib/platforms/platform-errors';
import { shopifyGraphql, type TShopifyAccess } from '@/lib/platforms/shopify/shopify-graphql';
import type { TTracking } from '@/lib/fulfillment/tracking';

const fulfillmentOrdersQuery = `
  query fulfillmentOrders($id: ID!) {
    order(id: $id) { fulfillmentOrders(first: 20) { nodes { id status } } }
  }`;

const createFulfillment = `
  mutation fulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment { id status }
      userErrors { field message }
    }
  }`;

/** Fulfils the order's open fulfillment orders with the tracking, and lets Shopify tell the customer. */
export async function createShopifyFulfillment(access: TShopifyAccess, orderId: string, tracking: TTracking): Promise<void> {
  const result = await shopifyGraphql<{ order: { fulfillmentOrders: { nodes: Array<{ id: string; status: string }> } } | null }>(access, fulfillmentOrdersQuery, {
    id: `gid://shopify/Order/${orderId}`,
  });
  const open = (result.order?.fulfillmentOrders.nodes ?? []).filter((node) => node.status === 'OPEN' || node.status === 'IN_PROGRESS');
  if (!open.length) return; // fulfilled already (by hand, or by an earlier push)
  const created = await shopifyGraphql<{ fulfillmentCreate: { userErrors: Array<{ message: string }> } }>(access, createFulfillment, {
    fulfillment: {
      lineItemsByFulfillmentOrder: open.map((node) => ({ fulfillmentOrderId: node.id })),
      trackingInfo: { number: tracking.numbers[0], numbers: tracking.numbers, company: tracking.carrier ?? undefined },
      notifyCustomer: true,
    },
  });
  const errors = created.fulfillmentCreate.userErrors;
  if (errors.length) throw new PlatformRequestError(`Shopify refused the fulfillment: ${errors.map((error) => error.message).join('; ')}`, 422);
}
