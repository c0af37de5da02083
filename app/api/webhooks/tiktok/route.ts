import { receiveTikTokWebhook } from '@/lib/platforms/tiktok/receive-tiktok-webhook';

export const dynamic = 'force-dynamic';

export function POST(request: Request) {
  return receiveTikTokWebhook(request);
}
