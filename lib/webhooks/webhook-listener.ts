import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiResponseHeaders } from '@/lib/http/api-headers';
import { receiveShopifyWebhook } from '@/lib/platforms/shopify/receive-shopify-webhook';
import { receiveTikTokWebhook } from '@/lib/platforms/tiktok/receive-tiktok-webhook';
import { receiveWooCommerceWebhook } from '@/lib/platforms/woocommerce/receive-woocommerce-webhook';
import { answerWebhook } from '@/lib/webhooks/answer-webhook';
import { maxWebhookBytes } from '@/lib/webhooks/read-raw-body';
import type { TReceiveWebhook } from '@/lib/webhooks/webhook-delivery';

// The webhook routes answered straight from node:http, before Next.js routes the request. A
// webhook needs none of what Next.js does per request (routing, a web Request and Response,
// streams, abort signals): it took ~0.5 ms of the ~0.8 ms of CPU an acknowledgement cost
// (bench/results/2026-11-27-notes.md). The receivers are the ones the route files under
// app/api/webhooks/ call, so `next dev` answers the same.

const wooCommercePath = /^\/api\/webhooks\/woocommerce\/([^/]+)$/;

/** The receiver for a request to one of the webhook routes, or null: Next.js answers everything else. */
export function webhookReceiverFor(method: string | undefined, url: string | undefined): TReceiveWebhook | null {
  if (method !== 'POST' || !url) return null;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (path === '/api/webhooks/shopify') return receiveShopifyWebhook;
  if (path === '/api/webhooks/tiktok') return receiveTikTokWebhook;
  const woo = wooCommercePath.exec(path);
  if (!woo) return null;
  let storeId: string;
  try {
    storeId = decodeURIComponent(woo[1]!);
  } catch {
    return null; // malformed escapes: Next.js answers them as it answers any such path
  }
  return (delivery) => receiveWooCommerceWebhook(delivery, storeId);
}

type TRequestListener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

/** A node:http request listener that answers the webhook routes itself and hands every other request to `handleOther`. */
export function withWebhookListener(handleOther: TRequestListener): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  return (incoming, outgoing) => {
    const receive = webhookReceiverFor(incoming.method, incoming.url);
    if (receive) void answerWebhookMessage(incoming, outgoing, receive);
    else void handleOther(incoming, outgoing);
  };
}

/** Reads the body, lets `receive` answer, writes the answer with the headers of every /api answer. */
export async function answerWebhookMessage(incoming: IncomingMessage, outgoing: ServerResponse, receive: TReceiveWebhook): Promise<void> {
  let body: Buffer | 'too_large';
  try {
    body = await readBody(incoming, maxWebhookBytes);
  } catch {
    outgoing.destroy(); // the client went away mid-body: nobody to answer
    return;
  }
  const answer = await answerWebhook(receive, body, incoming.headers);
  const json = JSON.stringify(answer.body);
  outgoing.writeHead(answer.status, {
    ...apiResponseHeaders,
    ...answer.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  outgoing.end(json);
}

/**
 * The body as raw bytes, or 'too_large' past `limit` (declared or counted) without keeping more.
 * node:http reads and drops the rest after the answer, as it did behind Next.js: a client that
 * writes its whole body before reading still gets its 413 rather than a reset connection.
 */
function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(incoming.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        incoming.off('data', onData);
        incoming.off('end', onEnd);
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, total));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.once('error', reject);
    incoming.once('aborted', () => reject(new Error('request aborted')));
  });
}
