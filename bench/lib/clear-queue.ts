import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** Removes every job of the bench's own `ingest` queue under `prefix` (never anyone else's keys). */
export async function clearQueue(redisUrl: string, prefix: string): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('ingest', { connection, prefix });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
