import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { createProducerConnection } from '@/lib/queue/connection';

// The web process and the worker enqueue through one fail-fast connection shared by every queue.

type TProducer = { connection: Redis; queues: Map<string, Queue> };

const globalForQueue = globalThis as unknown as { orderHubProducer?: TProducer };

export const enqueueTimeoutMs = 500;

function producer(): TProducer {
  if (!globalForQueue.orderHubProducer) {
    const connection = createProducerConnection();
    connection.on('error', (error) => logger.debug({ err: error }, 'Redis producer connection error'));
    globalForQueue.orderHubProducer = { connection, queues: new Map() };
  }
  return globalForQueue.orderHubProducer;
}

export function producerQueue(name: string): Queue {
  const { connection, queues } = producer();
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection, prefix: env().QUEUE_PREFIX });
    queue.on('error', (error) => logger.warn({ err: error, queue: name }, 'queue error'));
    queues.set(name, queue);
  }
  return queue;
}

/**
 * Resolves once the connection is ready. A connection that is still being opened gets the enqueue
 * timeout to get there; one that is reconnecting (Redis down) fails at once.
 */
export async function whenProducerReady(): Promise<void> {
  const { connection } = producer();
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
export function resetProducer(): void {
  const current = globalForQueue.orderHubProducer;
  globalForQueue.orderHubProducer = undefined;
  if (!current) return;
  for (const queue of current.queues.values()) void queue.close().catch(() => undefined);
  current.connection.disconnect();
}

/** Adds a job, rejecting within half a second when Redis does not answer. */
export async function addJob(queueName: string, name: string, data: unknown, options: JobsOptions): Promise<void> {
  await whenProducerReady();
  const queue = producerQueue(queueName);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), enqueueTimeoutMs);
  });
  try {
    await Promise.race([queue.add(name, data, options), timeout]);
  } catch (error) {
    // A queue whose set-up failed (Redis vanished mid-handshake) never recovers by itself.
    resetProducer();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** PING through the producer connection, bounded by the enqueue timeout. */
export async function pingRedis(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await whenProducerReady();
    const reply = await Promise.race([
      producer().connection.ping(),
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

export async function closeProducer(): Promise<void> {
  const current = globalForQueue.orderHubProducer;
  if (!current) return;
  globalForQueue.orderHubProducer = undefined;
  await Promise.all([...current.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  current.connection.disconnect();
}
