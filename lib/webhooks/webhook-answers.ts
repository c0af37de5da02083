import { errorBody } from '@/lib/api/error-response';
import type { TWebhookAnswer } from '@/lib/webhooks/webhook-delivery';

// Webhook answers. A bad signature and an unknown store get the very same 401, so the answer
// never tells a caller which shops exist.

export const webhookAnswers = {
  accepted: (): TWebhookAnswer => ({ status: 200, body: { ok: true } }),
  repeat: (): TWebhookAnswer => ({ status: 200, body: { ok: true, duplicate: true } }),
  unauthorized: (): TWebhookAnswer => ({ status: 401, body: errorBody('unauthorized', 'Invalid signature or unknown store') }),
  tooLarge: (): TWebhookAnswer => ({ status: 413, body: errorBody('payload_too_large', 'Webhook bodies are limited to 1 MiB') }),
  notJson: (): TWebhookAnswer => ({ status: 400, body: errorBody('bad_request', 'The body is not valid JSON') }),
  notJsonContentType: (): TWebhookAnswer => ({ status: 415, body: errorBody('unsupported_media_type', 'Webhook bodies must be application/json') }),
  databaseUnavailable: (): TWebhookAnswer => ({
    status: 503,
    body: errorBody('unavailable', 'Temporarily unavailable, retry later'),
    headers: { 'retry-after': '5' },
  }),
  failed: (): TWebhookAnswer => ({ status: 500, body: errorBody('internal', 'Something went wrong') }),
};
