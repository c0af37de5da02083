import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';
import { apiResponseHeaders } from '@/lib/http/api-headers';
import { getOrderEndpoint, listOrdersEndpoint, listStoresEndpoint } from '@/lib/api/v1-endpoints';
import type { TApiEndpoint } from '@/lib/api/api-route';
import { errorBody } from '@/lib/api/error-response';
import { logger } from '@/lib/log';

// The REST v1 reads answered straight from node:http, before Next.js routes the request, as the
// webhooks are (lib/webhooks/webhook-listener.ts). An API client needs none of what Next.js does
// per request (routing, rewrites, streams, abort signals, tracing): at 1M orders in a tenant it
// was most of the time of a list page beside its SQL (bench/results/2026-11-27-notes.md). The
// endpoints are the ones the route files under app/api/v1/ serve (through routeHandler), so
// `next dev` answers the same; anything that is not exactly one of these paths (a trailing slash,
// HEAD, another method) goes to Next.js as before.

type TEndpoint = TApiEndpoint<Record<string, string>>;
type TMatch = { endpoint: TEndpoint; params: Record<string, string> };

const orderPath = /^\/api\/v1\/orders\/([^/]+)$/;

/** The endpoint and its path parameters for a REST v1 read, or null: Next.js answers everything else. */
function restEndpointFor(method: string | undefined, url: string | undefined): TMatch | null {
  if (method !== 'GET' || !url) return null;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (path === '/api/v1/orders') return { endpoint: listOrdersEndpoint as TEndpoint, params: {} };
  if (path === '/api/v1/stores') return { endpoint: listStoresEndpoint as TEndpoint, params: {} };
  const order = orderPath.exec(path);
  if (!order) return null;
  try {
    return { endpoint: getOrderEndpoint as TEndpoint, params: { id: decodeURIComponent(order[1]!) } };
  } catch {
    return null; // malformed escapes: Next.js answers them as it answers any such path
  }
}

// Gzip (as Next.js' compression did; deflate is not offered) for a client that accepts it, on
// answers of 1 KiB and more, compressed at once in memory (through a zlib stream the same page
// took ~2 ms longer to answer). At level 1, nginx's default for what it compresses on the fly: a
// page of 50 orders, ~30 KB of JSON, becomes ~5.3 KB in ~0.1 ms of CPU, where zlib's default
// level 6 took ~0.25 ms for ~4.5 KB.
const compressedFromBytes = 1024;

type TRequestListener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

/** A node:http request listener that answers the REST v1 reads itself and hands every other request to `handleOther`. */
export function withRestListener(handleOther: TRequestListener): TRequestListener {
  return (incoming, outgoing) => {
    const match = restEndpointFor(incoming.method, incoming.url);
    if (match) void answerRestRequest(incoming, outgoing, match);
    else void handleOther(incoming, outgoing);
  };
}

/** Calls the endpoint and writes its answer as JSON, with the headers of every /api answer. */
async function answerRestRequest(incoming: IncomingMessage, outgoing: ServerResponse, match: TMatch): Promise<void> {
  let status: number;
  let headers: Record<string, string> | undefined;
  let body: Buffer;
  try {
    // Only the path and the query matter to the endpoints; the host header is not trusted for them.
    const answer = await match.endpoint({ url: incoming.url ?? '/', authorization: incoming.headers.authorization ?? null, params: match.params });
    ({ status, headers } = answer);
    body = Buffer.from(JSON.stringify(answer.body));
  } catch (error) {
    // The endpoints answer their own errors (apiEndpoint); this is for what fails around them.
    logger.error({ err: error }, 'unhandled error');
    status = 500;
    headers = undefined;
    body = Buffer.from(JSON.stringify(errorBody('internal', 'Something went wrong')));
  }
  const isGzip = body.length >= compressedFromBytes && new Negotiator(incoming).encoding(['gzip', 'identity']) === 'gzip';
  if (isGzip) body = gzipSync(body, { level: 1 });
  outgoing.writeHead(status, {
    ...apiResponseHeaders,
    ...headers,
    'content-type': 'application/json',
    ...(isGzip ? { 'content-encoding': 'gzip' } : {}),
    vary: 'Accept-Encoding',
    'content-length': body.length,
  });
  outgoing.end(body);
}
