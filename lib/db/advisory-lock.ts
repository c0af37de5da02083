import { pool } from '@/lib/db/client';

/**
 * Runs `work` only if no other worker holds the same lock (a session-level advisory lock on a
 * connection of its own, so a killed worker releases it with its connection). Returns null when
 * the lock is taken.
 */
export async function withAdvisoryLock<T>(name: string, work: () => Promise<T>): Promise<T | null> {
  const client = await pool().connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 7)) AS locked', [name]);
    if (!rows[0]?.locked) return null;
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 7))', [name]);
    }
  } finally {
    client.release();
  }
}

/**
 * Runs `work` once every other holder of the same lock has finished (waits instead of skipping).
 * For read-check-write sequences such as token refreshes, where the second caller must see what
 * the first one wrote.
 */
export async function withWaitingAdvisoryLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 7))', [name]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 7))', [name]);
    }
  } finally {
    client.release();
  }
}
