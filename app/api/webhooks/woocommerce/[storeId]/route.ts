import { receiveWooCommerceWebhook } from '@/lib/platforms/woocommerce/receive-woocommerce-webhook';
import { answerWebhookRequest } from '@/lib/webhooks/answer-webhook';

export const dynamic = 'force-dynamic';

// The web server answers this path before Next.js routes it (lib/http/serve-web.ts); this
// handler serves it under `next dev`. Both call receiveWooCommerceWebhook.
export async function POST(request: Request, context: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await context.params;
  return answerWebhookRequest(request, (delivery) => receiveWooCommerceWebhook(delivery, storeId));
}
