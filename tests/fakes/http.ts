import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny base for the platform fakes: real HTTP servers on 127.0.0.1 that the product reaches
// through its configurable base URLs, exactly as it reaches the real platforms.

export type TFakeRequest = { method: string; url: URL; headers: IncomingMessage['headers']; body: string };
export type TFakeHandler = (request: TFakeRequest) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

export type TFakeServer = { url: string; port: number; close: () => Promise<void> };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startFakeServer(handler: TFakeHandler, port = 0): Promise<TFakeServer> {
  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    try {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const answer = await handler({ method: request.method ?? 'GET', url, headers: request.headers, body });
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(text);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
