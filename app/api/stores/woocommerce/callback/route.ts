import { errorResponse } from '@/lib/api/error-response';
import { AppError } from '@/lib/errors/app-error';
import { readRawBody } from '@/lib/webhooks/read-raw-body';
import { receiveWooKeys } from '@/lib/stores/woocommerce/woocommerce-connect';

export const dynamic = 'force-dynamic';

/** WooCommerce posts the API keys here (server to server); anything but exactly 200 makes it drop them. */
export async function POST(request: Request) {
  try {
    const body = await readRawBody(request, 64 * 1024);
    if (body === 'too_large') throw new AppError('payload_too_large', 'Too large');
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw new AppError('bad_request', 'The body is not valid JSON');
    }
    await receiveWooKeys(payload);
    return Response.json({ ok: true }, { status: 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
