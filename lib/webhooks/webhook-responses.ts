import { errorBody } from '@/lib/api/error-response';

// Webhook answers. A bad signature and an unknown store get the very same 401, so the answer
// never tells a caller which shops exist.

export const webhookResponses = {
  accepted: () => Response.json({ ok: true }, { status: 200 }),
  repeat: () => Response.json({ ok: true, duplicate: true }, { status: 200 }),
  ignored: () => Response.json({ ok: true, ignored: true }, { status: 200 }),
  unauthorized: () => Response.json(errorBody('unauthorized', 'Invalid signature or unknown store'), { status: 401 }),
  tooLarge: () => Response.json(errorBody('payload_too_large', 'Webhook bodies are limited to 1 MiB'), { status: 413 }),
  notJson: () => Response.json(errorBody('bad_request', 'The body is not valid JSON'), { status: 400 }),
  notJsonContentType: () => Response.json(errorBody('unsupported_media_type', 'Webhook bodies must be application/json'), { status: 415 }),
  databaseUnavailable: () =>
    Response.json(errorBody('unavailable', 'Temporarily unavailable, retry later'), { status: 503, headers: { 'retry-after': '5' } }),
};
