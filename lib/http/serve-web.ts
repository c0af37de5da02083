import { createServer } from 'node:http';
import next from 'next';
import { logger } from '@/lib/log';
import { withWebhookListener } from '@/lib/webhooks/webhook-listener';
import { withRestListener } from '@/lib/api/rest-listener';

type TServeOptions = { dir: string; port: number; hostname?: string };

/**
 * How long an idle keep-alive connection stays open: longer than the idle timeout of the proxies
 * and load balancers that usually stand in front (60 s for most), so they close an idle
 * connection first. Node's default is 5 s: a server that closes first races the client's next
 * request on that connection, which then fails (a proxy answers 502, a webhook sender counts a
 * failed delivery). Clients read it from each answer's `Keep-Alive: timeout=65`.
 */
const keepAliveTimeoutMs = 65_000;

/**
 * The web process: Next.js serves the app (pages, server actions, auth, callbacks) as
 * `next start` would, from the same build; the three webhook routes and the REST v1 reads are
 * answered before it, straight from node:http, at a fraction of the CPU
 * (lib/webhooks/webhook-listener.ts, lib/api/rest-listener.ts).
 * SIGTERM and SIGINT stop taking connections, let answers in flight finish, then exit.
 */
export async function serveWeb({ dir, port, hostname }: TServeOptions): Promise<void> {
  const server = createServer({ keepAliveTimeout: keepAliveTimeoutMs });
  const app = next({ dev: false, dir, port, hostname: hostname ?? 'localhost', httpServer: server });
  await app.prepare();
  let stopping = false;
  // Once stopping, every answer closes its connection, so keep-alive clients go elsewhere; a
  // connection whose answer was under way when the stop came is closed once it is idle.
  server.on('request', (_incoming, outgoing) => {
    if (stopping) outgoing.setHeader('connection', 'close');
    else outgoing.once('finish', () => stopping && setImmediate(() => server.closeIdleConnections()));
  });
  server.on('request', withWebhookListener(withRestListener(app.getRequestHandler())));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  logger.info({ port, hostname: hostname ?? 'all interfaces' }, 'web started');

  const stop = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    // close() also ends the idle keep-alive connections (Node 19 and later).
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Answers in flight are written and end their connections; whatever is still open after 5 s is cut.
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
    void closed
      .then(() => app.close())
      .finally(() => process.exit(exitCode));
  };
  process.on('SIGTERM', () => stop(143));
  process.on('SIGINT', () => stop(130));
}
