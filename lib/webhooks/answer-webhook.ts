import { logger } from '@/lib/log';
import { readRawBody } from '@/lib/webhooks/read-raw-body';
import { webhookAnswers } from '@/lib/webhooks/webhook-answers';
import type { TReceiveWebhook, TWebhookAnswer, TWebhookDelivery } from '@/lib/webhooks/webhook-delivery';

/**
 * The answer to a webhook whose body was read up to the 1 MiB limit. A receiver that throws gets
 * its error logged and the platform a 500, so it delivers again.
 */
export async function answerWebhook(receive: TReceiveWebhook, body: Buffer | 'too_large', headers: TWebhookDelivery['headers']): Promise<TWebhookAnswer> {
  if (body === 'too_large') return webhookAnswers.tooLarge();
  try {
    return await receive({ body, headers });
  } catch (error) {
    logger.error({ err: error }, 'webhook failed');
    return webhookAnswers.failed();
  }
}

/** A webhook route handler's answer (`next dev`, and the tests that call the routes in-process). */
export async function answerWebhookRequest(request: Request, receive: TReceiveWebhook): Promise<Response> {
  const answer = await answerWebhook(receive, await readRawBody(request), Object.fromEntries(request.headers));
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}
