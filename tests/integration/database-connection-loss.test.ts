import { describe, expect, it } from 'vitest';
import { pool, withTransaction } from '@/lib/db/client';

describe('a Postgres connection lost mid-transaction', () => {
  it('fails that transaction only: the process lives on and the pool hands out working connections', async () => {
    // A restart of Postgres cuts every connection; this cuts just ours, while a transaction holds
    // it between two queries (no pool listener is attached to a checked-out client then).
    const transaction = withTransaction(async (sql) => {
      const { rows } = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const ended = new Promise((resolve) => sql.once('end', resolve));
      await pool().query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await ended;
      await sql.query('SELECT 1');
    });
    await expect(transaction).rejects.toThrow(/terminat|not queryable/i);
    expect((await pool().query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    expect(await withTransaction(async (sql) => (await sql.query('SELECT 2 AS ok')).rows)).toEqual([{ ok: 2 }]);
  });
});
