import { Agent, request, type IncomingMessage } from 'node:http';
import { expect, test } from '@playwright/test';

// The web process as deployed (scripts/web.mjs): an idle keep-alive connection outlives Node's
// default of 5 s, so a proxy in front, which closes its idle connections after 60 s, is the one
// that closes first (lib/http/serve-web.ts).

type TAnswer = { status: number; keepAlive: string | undefined; isReusedSocket: boolean };

function askHealth(baseURL: string, agent: Agent): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL('/api/health', baseURL), { agent }, (response: IncomingMessage) => {
      response.resume();
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, keepAlive: response.headers['keep-alive'] as string | undefined, isReusedSocket: outgoing.reusedSocket }),
      );
    });
    outgoing.once('error', reject);
    outgoing.end();
  });
}

test('an idle keep-alive connection stays open past 5 s and says for how long', async ({ baseURL }) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await askHealth(baseURL!, agent);
    expect(first).toMatchObject({ status: 200, keepAlive: 'timeout=65', isReusedSocket: false });
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    const second = await askHealth(baseURL!, agent);
    expect(second).toMatchObject({ status: 200, isReusedSocket: true });
  } finally {
    agent.destroy();
  }
});
