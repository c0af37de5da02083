import { receiveShopifyWebhook } from '@/lib/platforms/shopify/receive-shopify-webhook';

export const dynamic = 'force-dynamic';

export function POST(request: Request) {
  return receiveShopifyWebhook(request);
}
