import { receiveWooCommerceWebhook } from '@/lib/platforms/woocommerce/receive-woocommerce-webhook';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await context.params;
  return receiveWooCommerceWebhook(request, storeId);
}
