import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withWebhookListener } from '@/lib/webhooks/webhook-listener';
import { withRestListener } from '@/lib/api/rest-listener';
import { POST as wooCallback } from '@/app/api/stores/woocommerce/callback/route';
import { GET as tiktokCallback } from '@/app/api/stores/tiktok/callback/route';

// The app's public endpoints (webhooks, the REST v1 reads and the platforms' server-to-server
// callbacks) served over real HTTP from inside a test, so a platform fake can call back into the
// app. Webhooks and REST reads go through the web server's own listeners
// (lib/webhooks/webhook-listener.ts, lib/api/rest-listener.ts), the callbacks through their route
// handlers. Anything else is answered 404 with `x-fallback: next` (where Next.js would answer).

type THandler = (request: Request) => Promise<Response> | Response;

const routes: Array<{ method: string; pattern: RegExp; handle: THandler }> = [
  { method: 'POST', pattern: /^\/api\/stores\/woocommerce\/callback$/, handle: (request) => wooCallback(request) },
  { method: 'GET', pattern: /^\/api\/stores\/tiktok\/callback$/, handle: (request) => tiktokCallback(request) },
];

export async function startAppServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(withWebhookListener(withRestListener(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const route = routes.find((candidate) => candidate.method === incoming.method && candidate.pattern.test(url.pathname));
    if (!route) {
      outgoing.writeHead(404, { 'x-fallback': 'next' }).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(url.toString(), { method: incoming.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const response = await route.handle(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
