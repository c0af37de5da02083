import { wooRequest, type TWooAccess } from '@/lib/platforms/woocommerce/woocommerce-client';
import type { TTracking } from '@/lib/fulfillment/tracking';

/**
 * WooCommerce has no tracking field of its own: the order becomes completed with the tracking
 * in its meta data (the keys the common shipment-tracking plugins read) and a note the customer sees.
 */
export async function completeWooOrder(access: TWooAccess, orderId: string, tracking: TTracking): Promise<void> {
  await wooRequest(access, {
    method: 'PUT',
    path: `/orders/${orderId}`,
    body: {
      status: 'completed',
      meta_data: [
        { key: '_tracking_number', value: tracking.numbers.join(', ') },
        { key: '_tracking_provider', value: tracking.carrier ?? '' },
      ],
    },
  });
  await wooRequest(access, {
    method: 'POST',
    path: `/orders/${orderId}/notes`,
    body: { note: `Shipped${tracking.carrier ? ` with ${tracking.carrier}` : ''}: tracking number ${tracking.numbers.join(', ')}`, customer_note: true },
  });
}
