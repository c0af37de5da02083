import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { commitTogether, pool, withTransaction, type TSql } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant-scope';
import { createTestTenant } from '@/tests/support/tenants';

// A lone statement inside withTenant() runs as a transaction of its own, its BEGIN (naming the
// tenant), the statement and its COMMIT sent together on a pipelined connection
// (lib/db/client.ts). What it writes is committed; when it fails, nothing stays open behind it.

async function connectionsOutsideTransactions(): Promise<Array<{ fresh: boolean; tenant: string | null }>> {
  // As many at once as the pool holds, so every connection it has is asked.
  return Promise.all(
    Array.from({ length: 10 }, async () => {
      const { rows } = await pool().query<{ fresh: boolean; tenant: string | null }>(
        `SELECT xact_start = query_start AS fresh, NULLIF(current_setting('app.tenant_id', true), '') AS tenant, pg_sleep(0.05)::text
           FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
      );
      return { fresh: rows[0]!.fresh, tenant: rows[0]!.tenant };
    }),
  );
}

describe('a lone statement inside a tenant', () => {
  it('commits what it writes', async () => {
    const { tenantId } = await createTestTenant('Lone statements');
    await withTenant(tenantId, () => pool().query('INSERT INTO order_skus (tenant_id, sku) VALUES ($1, $2)', [tenantId, 'LONE-1']));
    // Seen from a connection of its own: committed, not merely visible inside an open transaction.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const { rows } = await other.query('SELECT sku FROM order_skus WHERE tenant_id = $1', [tenantId]);
      expect(rows).toEqual([{ sku: 'LONE-1' }]);
    } finally {
      await other.end();
    }
  });

  it('fails with the statement’s own error and leaves no transaction, and no tenant, on the connection', async () => {
    const { tenantId } = await createTestTenant('Lone statements');
    const insert = () => withTenant(tenantId, () => pool().query('INSERT INTO order_skus (tenant_id, sku) VALUES ($1, $2)', [tenantId, 'LONE-2']));
    await insert();
    for (let attempt = 0; attempt < 5; attempt++) await expect(insert()).rejects.toMatchObject({ code: '23505' });
    await expect(withTenant(tenantId, () => pool().query('SELECT no_such_column FROM order_skus'))).rejects.toMatchObject({ code: '42703' });

    expect(await connectionsOutsideTransactions()).toEqual(Array.from({ length: 10 }, () => ({ fresh: true, tenant: null })));
    const { rows } = await withTenant(tenantId, () => pool().query<{ sku: string }>('SELECT sku FROM order_skus WHERE tenant_id = $1', [tenantId]));
    expect(rows).toEqual([{ sku: 'LONE-2' }]);
  });
});

describe('a transaction', () => {
  it('is not taken for committed when one of its statements failed unobserved', async () => {
    const { tenantId } = await createTestTenant('Transactions');
    const transaction = withTenant(tenantId, () =>
      withTransaction(async (sql) => {
        await sql.query('INSERT INTO order_skus (tenant_id, sku) VALUES ($1, $2)', [tenantId, 'TX-1']);
        await sql.query('SELECT no_such_column FROM order_skus').catch(() => undefined);
        return 'done';
      }),
    );
    await expect(transaction).rejects.toThrow('rolled back');
    const { rows } = await withTenant(tenantId, () => pool().query('SELECT sku FROM order_skus WHERE tenant_id = $1', [tenantId]));
    expect(rows).toEqual([]);
    expect(await connectionsOutsideTransactions()).toEqual(Array.from({ length: 10 }, () => ({ fresh: true, tenant: null })));
  });

  const insertSku = 'INSERT INTO order_skus (tenant_id, sku) VALUES ($1, $2)';

  async function committedSkus(tenantId: string): Promise<string[]> {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const { rows } = await other.query<{ sku: string }>('SELECT sku FROM order_skus WHERE tenant_id = $1 ORDER BY sku', [tenantId]);
      return rows.map((row) => row.sku);
    } finally {
      await other.end();
    }
  }

  // Outside a tenant the pool hands out its plain connections (the owner's, in these tests).
  it.each([
    ['inside a tenant', true],
    ['outside one', false],
  ])('sent with its COMMIT, commits its last statements, and the transactions after it on the connection commit their own (%s)', async (_, isInTenant) => {
    const { tenantId } = await createTestTenant('Transactions');
    const scoped = <T>(work: () => Promise<T>) => (isInTenant ? withTenant(tenantId, work) : work());
    const backendOf = async (sql: TSql) => (await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    // A second COMMIT would be answered with a warning, not an error: listen for it.
    const warnings: string[] = [];
    const onNotice = (notice: { message?: string }) => void warnings.push(String(notice.message));
    let listened: TSql | undefined;
    const backends = [
      await scoped(() =>
        withTransaction(async (sql) => {
          (listened = sql).on('notice', onNotice);
          await sql.query(insertSku, [tenantId, 'TOGETHER-00']);
          const backend = await backendOf(sql);
          await commitTogether(sql, () => [sql.query(insertSku, [tenantId, 'TOGETHER-01']), sql.query(insertSku, [tenantId, 'TOGETHER-02'])] as const);
          return backend;
        }),
      ),
    ];
    // The pool hands out the connection released last: the next transactions run on the same one.
    for (let index = 3; index < 6; index++) {
      backends.push(await scoped(() => withTransaction(async (sql) => (await sql.query(insertSku, [tenantId, `TOGETHER-0${index}`]), backendOf(sql)))));
    }
    listened?.off('notice', onNotice);
    expect(new Set(backends).size).toBe(1);
    expect(warnings).toEqual([]);
    expect(await committedSkus(tenantId)).toEqual(['TOGETHER-00', 'TOGETHER-01', 'TOGETHER-02', 'TOGETHER-03', 'TOGETHER-04', 'TOGETHER-05']);
    expect(await connectionsOutsideTransactions()).toEqual(Array.from({ length: 10 }, () => ({ fresh: true, tenant: null })));
  });

  it('sent with its COMMIT, fails with the first failed statement’s error and commits nothing', async () => {
    const { tenantId } = await createTestTenant('Transactions');
    const transaction = withTenant(tenantId, () =>
      withTransaction(async (sql) => {
        await sql.query(insertSku, [tenantId, 'APART-0']);
        await commitTogether(sql, () => [sql.query(insertSku, [tenantId, 'APART-1']), sql.query('SELECT no_such_column FROM order_skus'), sql.query(insertSku, [tenantId, 'APART-2'])] as const);
      }),
    );
    await expect(transaction).rejects.toMatchObject({ code: '42703' });
    expect(await committedSkus(tenantId)).toEqual([]);
    expect(await connectionsOutsideTransactions()).toEqual(Array.from({ length: 10 }, () => ({ fresh: true, tenant: null })));
  });

  it('sent with its COMMIT, sends no COMMIT when a statement cannot be built, and commits nothing', async () => {
    const { tenantId } = await createTestTenant('Transactions');
    const cannotBuild = (): Promise<unknown> => {
      throw new Error('a value that cannot be written');
    };
    const transaction = withTenant(tenantId, () =>
      withTransaction(async (sql) => {
        await sql.query(insertSku, [tenantId, 'UNBUILT-0']);
        await commitTogether(sql, () => [sql.query(insertSku, [tenantId, 'UNBUILT-1']), cannotBuild()] as const);
      }),
    );
    await expect(transaction).rejects.toThrow('a value that cannot be written');
    expect(await committedSkus(tenantId)).toEqual([]);
    expect(await connectionsOutsideTransactions()).toEqual(Array.from({ length: 10 }, () => ({ fresh: true, tenant: null })));
  });

  it('sends its statements with COMMIT only once, and only inside withTransaction', async () => {
    const { tenantId } = await createTestTenant('Transactions');
    const client = await pool().connect();
    try {
      await expect(commitTogether(client, () => [client.query('SELECT 1')] as const)).rejects.toThrow('inside withTransaction');
    } finally {
      client.release();
    }
    const twice = withTenant(tenantId, () =>
      withTransaction(async (sql) => {
        await commitTogether(sql, () => [sql.query(insertSku, [tenantId, 'ONCE-1'])] as const);
        await commitTogether(sql, () => [sql.query(insertSku, [tenantId, 'ONCE-2'])] as const);
      }),
    );
    await expect(twice).rejects.toThrow('runs once');
    expect(await committedSkus(tenantId)).toEqual(['ONCE-1']);
  });
});
