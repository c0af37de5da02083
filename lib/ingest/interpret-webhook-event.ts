import type { TCanonicalOrder, TPlatform } from '@/lib/orders/canonical-order';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { normalizeShopifyOrder } from '@/lib/platforms/shopify/normalize-shopify-order';
import { normalizeWooCommerceOrder, ZWooDeletedOrder } from '@/lib/platforms/woocommerce/normalize-woocommerce-order';
import { normalizeTikTokOrder } from '@/lib/platforms/tiktok/normalize-tiktok-order';
import { fetchTikTokOrders } from '@/lib/platforms/tiktok/fetch-tiktok-orders';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';
import { openStoreCredentials } from '@/lib/stores/store-credentials';
import { ZExternalId } from '@/lib/platforms/fields';

export type TStoredEvent = { platform: TPlatform; topic: string; rawBody: string };
export type TEventStore = { shopCipher: string | null; credentials: string | null };

export type TEventAction =
  | { kind: 'record'; order: TCanonicalOrder }
  | { kind: 'delete'; externalId: string }
  | { kind: 'ignore'; reason: string }
  | { kind: 'disconnect' }
  | { kind: 'compliance'; topic: 'customers/data_request' | 'customers/redact' | 'shop/redact'; payload: unknown };

function parseBody(event: TStoredEvent): unknown {
  try {
    return parseJsonLossless(event.rawBody);
  } catch {
    throw new PayloadValidationError('The body is not valid JSON');
  }
}

/** What an inbox event asks of us, through the platform's adapter. */
export async function interpretWebhookEvent(event: TStoredEvent, store: TEventStore): Promise<TEventAction> {
  const payload = parseBody(event);
  switch (event.platform) {
    case 'shopify':
      if (event.topic === 'app/uninstalled') return { kind: 'disconnect' };
      if (event.topic === 'customers/data_request' || event.topic === 'customers/redact' || event.topic === 'shop/redact') {
        return { kind: 'compliance', topic: event.topic, payload };
      }
      return { kind: 'record', order: normalizeShopifyOrder(payload) };
    case 'woocommerce': {
      if (event.topic === 'order.deleted') {
        const parsed = ZWooDeletedOrder.safeParse(payload);
        if (!parsed.success) throw PayloadValidationError.fromZod('WooCommerce deletion', parsed.error);
        return { kind: 'delete', externalId: parsed.data.id };
      }
      const status = (payload as { status?: unknown } | null)?.status;
      if (status === 'checkout-draft') return { kind: 'ignore', reason: 'Checkout draft, not an order yet' };
      return { kind: 'record', order: normalizeWooCommerceOrder(payload) };
    }
    case 'tiktok':
      return interpretTikTokNotification(payload, store);
  }
}

/** A TikTok webhook only names the order: re-read its current state from the API. */
async function interpretTikTokNotification(payload: unknown, store: TEventStore): Promise<TEventAction> {
  const orderId = ZExternalId.safeParse((payload as { data?: { order_id?: unknown } } | null)?.data?.order_id);
  if (!orderId.success) throw PayloadValidationError.fromZod('TikTok Shop notification', orderId.error);
  const { accessToken } = openStoreCredentials(store.credentials);
  if (!accessToken || !store.shopCipher) throw new PayloadValidationError('The TikTok Shop store has no access token or shop cipher');
  const orders = await fetchTikTokOrders({ accessToken, shopCipher: store.shopCipher }, [orderId.data]);
  const order = orders.find((candidate) => String((candidate as { id?: unknown })?.id) === orderId.data);
  // Order detail can lag a fresh notification by a moment: retry rather than give up.
  if (!order) throw new Error(`TikTok Shop did not return order ${orderId.data} yet`);
  return { kind: 'record', order: normalizeTikTokOrder(order) };
}
