import { appUrl } from '@/lib/auth/app-url';
import { wooRequest, type TWooAccess } from '@/lib/platforms/woocommerce/woocommerce-client';

export const wooWebhookTopics = ['order.created', 'order.updated', 'order.deleted', 'order.restored'] as const;

type TWooWebhook = { id: number; topic: string; status: 'active' | 'paused' | 'disabled'; delivery_url: string };

export function wooDeliveryUrl(storeId: string): string {
  return `${appUrl()}/api/webhooks/woocommerce/${storeId}`;
}

/** Confirms a key pair works (the wc-auth callback is unsigned, so its keys are tried first). */
export async function checkWooAccess(access: TWooAccess): Promise<void> {
  await wooRequest(access, { path: '/system_status' });
}

/** Creates the order webhooks, each signed with `secret`, pointing at our route for this store. */
export async function createWooWebhooks(access: TWooAccess, storeId: string, secret: string): Promise<number[]> {
  const ids: number[] = [];
  for (const topic of wooWebhookTopics) {
    const { data } = await wooRequest<TWooWebhook>(access, {
      method: 'POST',
      path: '/webhooks',
      body: { name: `Order hub ${topic}`, topic, delivery_url: wooDeliveryUrl(storeId), secret, status: 'active' },
    });
    ids.push(data.id);
  }
  return ids;
}

/**
 * WooCommerce never retries a delivery and disables a webhook after repeated failures; this puts
 * ours back to active. Returns how many it re-activated.
 */
export async function reactivateWooWebhooks(access: TWooAccess, storeId: string): Promise<number> {
  const { data } = await wooRequest<TWooWebhook[]>(access, { path: '/webhooks', query: { per_page: '100' } });
  const ours = data.filter((webhook) => webhook.delivery_url === wooDeliveryUrl(storeId) && webhook.status !== 'active');
  for (const webhook of ours) await wooRequest(access, { method: 'PUT', path: `/webhooks/${webhook.id}`, body: { status: 'active' } });
  return ours.length;
}

/** One page of orders created (or modified) since a date, oldest first; the cursor is the page number. */
export async function fetchWooOrderPage(access: TWooAccess, input: { field: 'created' | 'updated'; since: Date; page: number; perPage?: number }) {
  const since = input.since.toISOString().slice(0, 19);
  const { data, headers } = await wooRequest<unknown[]>(access, {
    path: '/orders',
    query: {
      per_page: String(input.perPage ?? 50),
      page: String(input.page),
      order: 'asc',
      orderby: input.field === 'created' ? 'date' : 'modified',
      ...(input.field === 'created' ? { after: since } : { modified_after: since }),
      dates_are_gmt: 'true',
      status: 'any',
    },
  });
  const totalPages = Number(headers.get('x-wp-totalpages') ?? 0);
  const total = headers.get('x-wp-total');
  return { orders: data, nextPage: input.page < totalPages ? input.page + 1 : null, total: total === null ? null : Number(total) };
}
