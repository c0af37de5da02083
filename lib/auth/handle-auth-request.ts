import { auth } from '@/lib/auth/auth';
import { errorBody } from '@/lib/api/error-response';
import { readRawBody } from '@/lib/webhooks/read-raw-body';

// Sign-in and invitation bodies are a few hundred bytes, and better-auth reads a body of any size
// before it looks at it: cap it first.
const maxAuthBodyBytes = 64 * 1024;

/** /api/auth/*: better-auth, behind a body cap (413 past 64 KiB). */
export async function handleAuthRequest(request: Request): Promise<Response> {
  if (!request.body) return auth().handler(request);
  const body = await readRawBody(request, maxAuthBodyBytes);
  if (body === 'too_large') {
    return Response.json(errorBody('payload_too_large', 'Request bodies are limited to 64 KiB'), { status: 413 });
  }
  return auth().handler(new Request(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(body), signal: request.signal }));
}
