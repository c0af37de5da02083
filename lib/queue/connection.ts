import { Redis } from 'ioredis';
import { env } from '@/lib/env';

/**
 * A producer connection fails fast: a webhook route must answer at once even with Redis down
 * (the event is already in Postgres, and the inbox sweeper enqueues it later).
 */
export function createProducerConnection(): Redis {
  return new Redis(env().REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** A worker connection waits for Redis forever: blocking commands must survive a restart. */
export function createWorkerConnection(): Redis {
  return new Redis(env().REDIS_URL, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}
