import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { createProducerConnection } from '@/lib/queue/connection';
import { jobNames, queueNames, ZIngestWebhookJob, type TIngestWebhookJob } from '@/lib/queue/job-definitions';

type TProducer = { queue: Queue; connection: Redis };

const globalForQueue = globalThis as unknown as { orderHubIngestProducer?: TProducer };

function producer(): TProducer {
  if (!globalForQueue.orderHubIngestProducer) {
    const connection = createProducerConnection();
    connection.on('error', (error) => logger.debug({ err: error }, 'Redis producer connection error'));
    const queue = new Queue(queueNames.ingest, { connection, prefix: env().QUEUE_PREFIX });
    queue.on('error', (error) => logger.warn({ err: error }, 'ingest queue error'));
    globalForQueue.orderHubIngestProducer = { queue, connection };
  }
  return globalForQueue.orderHubIngestProducer;
}

export function ingestJobOptions() {
  return {
    attempts: env().INGEST_ATTEMPTS,
    backoff: { type: 'exponential' as const, delay: env().INGEST_BACKOFF_MS },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
  };
}

const enqueueTimeoutMs = 500;

/**
 * Resolves once the connection is ready. A connection that is still being opened gets the enqueue
 * timeout to get there; one that is reconnecting (Redis down) fails at once.
 */
async function whenReady(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return;
  if (connection.status !== 'connecting' && connection.status !== 'connect' && connection.status !== 'wait') {
    throw new Error(`Redis connection is ${connection.status}`);
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(new Error('Redis connection is not ready'));
    }, enqueueTimeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('ready', onReady);
  });
}

/** Drops the producer so the next call starts from a fresh connection. */
function resetProducer(): void {
  const current = globalForQueue.orderHubIngestProducer;
  globalForQueue.orderHubIngestProducer = undefined;
  if (!current) return;
  void current.queue.close().catch(() => undefined);
  current.connection.disconnect();
}

/**
 * Adds the ingest job for one inbox event. jobId = event id, so a second add of a job BullMQ
 * still knows is a no-op; the inbox row stays the real dedup. Rejects at once while the
 * connection is not ready and within half a second when Redis stops answering.
 */
export async function enqueueIngestWebhook(job: TIngestWebhookJob): Promise<void> {
  const data = ZIngestWebhookJob.parse(job);
  const { queue, connection } = producer();
  await whenReady(connection);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), enqueueTimeoutMs);
  });
  try {
    await Promise.race([queue.add(jobNames.ingestWebhook, data, { ...ingestJobOptions(), jobId: data.eventId }), timeout]);
  } catch (error) {
    // A queue whose set-up failed (Redis vanished mid-handshake) never recovers by itself.
    resetProducer();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export async function findIngestJobState(eventId: string): Promise<string | null> {
  const job = await producer().queue.getJob(eventId);
  if (!job) return null;
  return job.getState();
}

/** Forgets a finished job, so that adding one with the same id runs it again. */
export async function removeIngestJob(eventId: string): Promise<void> {
  const job = await producer().queue.getJob(eventId);
  await job?.remove();
}

export async function closeIngestQueue(): Promise<void> {
  const current = globalForQueue.orderHubIngestProducer;
  if (!current) return;
  globalForQueue.orderHubIngestProducer = undefined;
  await current.queue.close().catch(() => undefined);
  current.connection.disconnect();
}

/** PING through the producer connection, bounded by the enqueue timeout. */
export async function pingRedis(): Promise<boolean> {
  const { connection } = producer();
  let timer: NodeJS.Timeout | undefined;
  try {
    await whenReady(connection);
    const reply = await Promise.race([
      connection.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), enqueueTimeoutMs);
      }),
    ]);
    return reply === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
