import { pool } from '@/lib/db/client';
import { pingRedis } from '@/lib/queue/producer';

export type THealth = { status: 'ok' | 'unavailable'; postgres: 'up' | 'down'; redis: 'up' | 'down' };

async function pingPostgres(): Promise<boolean> {
  try {
    await pool().query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

export async function checkHealth(): Promise<THealth> {
  const [postgres, redis] = await Promise.all([pingPostgres(), pingRedis()]);
  return { status: postgres && redis ? 'ok' : 'unavailable', postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down' };
}
