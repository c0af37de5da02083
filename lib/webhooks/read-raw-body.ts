export const maxWebhookBytes = 1024 * 1024;

/**
 * The request body as raw bytes, or 'too_large' past `limit` without reading the rest. Signatures
 * are computed over exactly these bytes, so nothing is parsed or re-serialised before the check.
 */
export async function readRawBody(request: Request, limit = maxWebhookBytes): Promise<Buffer | 'too_large'> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return 'too_large';
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return 'too_large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
