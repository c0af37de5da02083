import { tiktokRequest } from '@/lib/platforms/tiktok/tiktok-api';

export type TTikTokShopAccess = { shopCipher: string; accessToken: string };

/** Get Order Detail (`GET /order/202309/orders?ids=…`, at most 50 ids). Raw orders, big ids intact. */
export async function fetchTikTokOrders(access: TTikTokShopAccess, ids: string[]): Promise<unknown[]> {
  const data = await tiktokRequest<{ orders?: unknown[] }>({
    path: '/order/202309/orders',
    accessToken: access.accessToken,
    shopCipher: access.shopCipher,
    query: { ids: ids.join(',') },
  });
  return Array.isArray(data?.orders) ? data.orders : [];
}

/** Get Order List (`POST /order/202309/orders/search`), oldest first, by page_token. */
export async function fetchTikTokOrderPage(access: TTikTokShopAccess, input: { field: 'created' | 'updated'; since: Date; pageToken: string | null; pageSize?: number }) {
  const since = Math.floor(input.since.getTime() / 1000);
  const data = await tiktokRequest<{ orders?: unknown[]; next_page_token?: string; total_count?: number }>({
    method: 'POST',
    path: '/order/202309/orders/search',
    accessToken: access.accessToken,
    shopCipher: access.shopCipher,
    query: {
      page_size: String(input.pageSize ?? 50),
      sort_field: input.field === 'created' ? 'create_time' : 'update_time',
      sort_order: 'ASC',
      ...(input.pageToken ? { page_token: input.pageToken } : {}),
    },
    body: input.field === 'created' ? { create_time_ge: since } : { update_time_ge: since },
  });
  return {
    orders: Array.isArray(data?.orders) ? data.orders : [],
    nextPageToken: data?.next_page_token || null,
    total: typeof data?.total_count === 'number' ? data.total_count : null,
  };
}
