import { PlatformRequestError } from '@/lib/platforms/platform-errors';
import { fetchTikTokOrders, type TTikTokShopAccess } from '@/lib/platforms/tiktok/fetch-tiktok-orders';
import { tiktokRequest } from '@/lib/platforms/tiktok/tiktok-api';
import type { TTracking } from '@/lib/fulfillment/tracking';

/**
 * Marks the order's package shipped with the tracking number. The exact shape of this call is not
 * confirmed (platforms.md): the package id is read from the order (`packages[].id`, else the line
 * items' `package_id`), and the carrier goes both as provider id and name.
 */
export async function shipTikTokPackage(access: TTikTokShopAccess, orderId: string, tracking: TTracking): Promise<void> {
  const [order] = (await fetchTikTokOrders(access, [orderId])) as Array<{ packages?: Array<{ id?: unknown }>; line_items?: Array<{ package_id?: unknown }> }>;
  if (!order) throw new PlatformRequestError(`TikTok Shop does not know order ${orderId}`, 404);
  const packageIds = [...new Set([...(order.packages ?? []).map((entry) => entry.id), ...(order.line_items ?? []).map((line) => line.package_id)].filter(Boolean).map(String))];
  if (!packageIds.length) throw new PlatformRequestError(`TikTok Shop order ${orderId} has no package to ship`, 422);
  for (const packageId of packageIds) {
    await tiktokRequest({
      method: 'POST',
      path: `/fulfillment/202309/packages/${packageId}/ship`,
      accessToken: access.accessToken,
      shopCipher: access.shopCipher,
      body: { tracking_number: tracking.numbers[0], shipping_provider_id: tracking.carrier ?? '', shipping_provider_name: tracking.carrier ?? '' },
    });
  }
}
