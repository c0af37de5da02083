import { randomUUID } from 'node:crypto';
import { POST as postShopifyRoute } from '@/app/api/webhooks/shopify/route';
import { POST as postTikTokRoute } from '@/app/api/webhooks/tiktok/route';
import { POST as postWooRoute } from '@/app/api/webhooks/woocommerce/[storeId]/route';
import { shopifyHeaders } from '@/tests/fixtures/shopify';
import { wooHeaders } from '@/tests/fixtures/woocommerce';
import { tiktokHeaders } from '@/tests/fixtures/tiktok';

// Calls the webhook route handlers in-process with real Request objects, signed as each
// platform signs them. The routes call the same receivers the web server's webhook listener
// does (tests/integration/webhook-answers.test.ts asks both the same questions).

export async function sendShopify(input: { shopDomain: string; topic?: string; body: string; eventId?: string | null; webhookId?: string; secret?: string; headers?: Record<string, string> }) {
  const headers = {
    ...shopifyHeaders({
      shopDomain: input.shopDomain,
      topic: input.topic ?? 'orders/create',
      body: input.body,
      secret: input.secret ?? process.env.SHOPIFY_API_SECRET!,
      eventId: input.eventId === undefined ? randomUUID() : input.eventId,
      webhookId: input.webhookId,
    }),
    ...input.headers,
  };
  return postShopifyRoute(new Request('http://localhost/api/webhooks/shopify', { method: 'POST', headers, body: input.body }));
}

export async function sendWoo(input: { storeId: string; siteUrl: string; secret: string; topic?: string; body: string; headers?: Record<string, string> }) {
  const headers = { ...wooHeaders({ topic: input.topic ?? 'order.created', body: input.body, secret: input.secret, source: input.siteUrl }), ...input.headers };
  return postWooRoute(new Request(`http://localhost/api/webhooks/woocommerce/${input.storeId}`, { method: 'POST', headers, body: input.body }), {
    params: Promise.resolve({ storeId: input.storeId }),
  });
}

export async function sendTikTok(input: { body: string; headers?: Record<string, string>; appSecret?: string }) {
  const headers = { ...tiktokHeaders(input.body, process.env.TIKTOK_APP_KEY!, input.appSecret ?? process.env.TIKTOK_APP_SECRET!), ...input.headers };
  return postTikTokRoute(new Request('http://localhost/api/webhooks/tiktok', { method: 'POST', headers, body: input.body }));
}
