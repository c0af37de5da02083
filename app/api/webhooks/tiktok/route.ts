import { receiveTikTokWebhook } from '@/lib/platforms/tiktok/receive-tiktok-webhook';
import { answerWebhookRequest } from '@/lib/webhooks/answer-webhook';

export const dynamic = 'force-dynamic';

// The web server answers this path before Next.js routes it (lib/http/serve-web.ts); this
// handler serves it under `next dev`. Both call receiveTikTokWebhook.
export function POST(request: Request) {
  return answerWebhookRequest(request, receiveTikTokWebhook);
}
