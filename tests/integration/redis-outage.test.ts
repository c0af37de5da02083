import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerProcess, type TWorkerProcess } from '@/tests/support/processes';

// Redis gets its own server here, so stopping it does not disturb the other test files.

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 50; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('redis-server did not start');
}

function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

let redisPort: number;
let redis: ChildProcess;
let worker: TWorkerProcess;

beforeAll(async () => {
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  process.env.QUEUE_PREFIX = '{hub-outage}';
  worker = await startWorkerProcess('worker-outage', { REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: '{hub-outage}', SWEEP_INTERVAL_MS: '300' });
});

afterAll(async () => {
  await worker?.stop();
  if (redis && redis.exitCode === null) await stopRedis(redis);
});

describe('Redis outage', () => {
  it('keeps answering 200 while Redis is down, and ingests every webhook once it is back', async () => {
    const { createTestTenant, addShopifyStore } = await import('@/tests/support/tenants');
    const { sendShopify } = await import('@/tests/support/webhooks');
    const { findEvents, settledOrders } = await import('@/tests/support/orders');
    const { shopifyOrderBody } = await import('@/tests/fixtures/shopify');

    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    await sendShopify({ shopDomain, body: shopifyOrderBody({ id: '9900000000000', number: 600 }) });
    await settledOrders(tenantId, 1);

    await stopRedis(redis);
    const answers = [];
    for (let index = 1; index <= 10; index++) {
      const started = Date.now();
      const response = await sendShopify({ shopDomain, body: shopifyOrderBody({ id: String(9_900_000_000_000 + index), number: 600 + index }) });
      answers.push({ status: response.status, ms: Date.now() - started });
    }
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(2000);
    const waiting = (await findEvents(tenantId)).filter((event) => event.status === 'RECEIVED');
    expect(waiting).toHaveLength(10);

    redis = await startRedis(redisPort);
    const orders = await settledOrders(tenantId, 11, 30_000);
    expect(orders.map((order) => order.number).sort()).toEqual(
      ['#600', ...Array.from({ length: 10 }, (_, index) => `#${601 + index}`)].sort(),
    );
  });
});
