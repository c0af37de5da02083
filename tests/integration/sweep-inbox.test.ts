import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateDatabase } from '@/tests/support/private-database';

// The sweeper runs here against a database and a queue of this file's own: it sweeps every
// tenant's inbox, and must not take the events of the test files running alongside.

let privateDatabase: Awaited<ReturnType<typeof createPrivateDatabase>>;
const prefix = `${(process.env.QUEUE_PREFIX ?? '{hub}').replace(/}$/, '')}-sweep}`;
let connection: Redis;
let queue: Queue;

beforeAll(async () => {
  privateDatabase = await createPrivateDatabase('sweep');
  process.env.DATABASE_URL = privateDatabase.url;
  process.env.QUEUE_PREFIX = prefix;
  connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  queue = new Queue('ingest', { connection, prefix });
  await queue.obliterate({ force: true });
});

afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  connection?.disconnect();
  const { disconnectDatabase } = await import('@/lib/db/client');
  const { closeProducer } = await import('@/lib/queue/producer');
  await closeProducer();
  await disconnectDatabase();
  await privateDatabase?.drop();
});

/** Runs the queue's jobs through `handle` until `done` holds. */
async function work(handle: (job: Job) => Promise<unknown>, done: () => Promise<boolean>) {
  const workerConnection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const worker = new Worker('ingest', handle, { connection: workerConnection, prefix });
  try {
    const { waitFor } = await import('@/tests/support/wait');
    await waitFor(async () => done(), 'the worker to finish', 20_000);
  } finally {
    await worker.close();
    workerConnection.disconnect();
  }
}

describe('inbox sweeper', () => {
  it('enqueues again an event whose job gave up without Postgres hearing of it, and the order arrives', async () => {
    const { pool } = await import('@/lib/db/client');
    const { sweepInbox } = await import('@/lib/ingest/sweep-inbox');
    const { ingestWebhookJob } = await import('@/workers/jobs/ingest-webhook');
    const { createTestTenant, addShopifyStore } = await import('@/tests/support/tenants');
    const { sendShopify } = await import('@/tests/support/webhooks');
    const { shopifyOrderBody } = await import('@/tests/fixtures/shopify');
    const { findEvents, findOrders } = await import('@/tests/support/orders');

    const { tenantId } = await createTestTenant();
    const { shopDomain } = await addShopifyStore(tenantId);
    expect((await sendShopify({ shopDomain, body: shopifyOrderBody({ id: '9800000000001', number: 4242 }) })).status).toBe(200);
    const [event] = await findEvents(tenantId);
    expect(event).toMatchObject({ status: 'QUEUED' });

    // The job's last attempt fails while Postgres is away: nothing reaches the inbox row.
    await work(
      async () => {
        throw new UnrecoverableError('connect ECONNREFUSED 127.0.0.1:5432');
      },
      async () => (await queue.getJob(event!.id))?.getState().then((state) => state === 'failed') ?? false,
    );
    await pool().query(`UPDATE webhook_events SET queued_at = now() - interval '10 minutes' WHERE tenant_id = $1`, [tenantId]);

    expect(await sweepInbox()).toEqual({ enqueued: 1, examined: 1 });
    expect(await (await queue.getJob(event!.id))!.getState()).toBe('waiting');

    await work(
      (job) => ingestWebhookJob.handle(job.data, job),
      async () => (await findEvents(tenantId))[0]?.status === 'PROCESSED',
    );
    expect((await findOrders(tenantId)).map((order) => order.number)).toEqual(['#4242']);
    // Settled: the sweeper leaves it alone from now on.
    expect(await sweepInbox()).toEqual({ enqueued: 0, examined: 0 });
  });
});
