import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStream, lineColumns, orderColumns, type TListTenant, type TOrderSpace } from '@/bench/lib/generate-orders';

// Bulk load for scenario 3: COPY into the tables with their secondary indexes dropped, then the
// indexes rebuilt from their own definitions (as the migrations made them) and VACUUM ANALYZE,
// which leaves the tables as a long-running production database would have them.

const loadedTables = ['orders', 'order_lines'];

async function createOtherTenants(client: pg.Client, count: number): Promise<TListTenant[]> {
  const tenants: TListTenant[] = [];
  for (let index = 0; index < count; index++) {
    const tenantId = `ten_bench_other_${index}`;
    const storeId = `sto_bench_other_${index}`;
    await client.query('INSERT INTO tenants (id, name) VALUES ($1, $2)', [tenantId, `Other merchant ${index}`]);
    await client.query(`INSERT INTO stores (tenant_id, id, platform, name) VALUES ($1, $2, 'shopify', $3)`, [tenantId, storeId, `other-${index}`]);
    tenants.push({ tenantId, stores: [{ storeId, platform: 'shopify' }] });
  }
  return tenants;
}

async function dropSecondaryIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1) AND indexname NOT LIKE '%\\_pkey'`,
    [loadedTables],
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.indexname}"`);
  // GIN (trigram) builds take longest: start them first so two builders finish together.
  return rows.map((row) => row.indexdef).sort((a, b) => Number(b.includes('USING gin')) - Number(a.includes('USING gin')));
}

async function copyRows(databaseUrl: string, space: TOrderSpace, kind: 'orders' | 'lines', skipTriggers: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Lines are loaded beside their orders, so their foreign key cannot be checked row by row.
    if (skipTriggers) await client.query('SET session_replication_role = replica');
    const sql = kind === 'orders' ? `COPY orders (${orderColumns}) FROM STDIN` : `COPY order_lines (${lineColumns}) FROM STDIN`;
    await pipeline(copyStream(space, kind, 0, space.total), client.query(copyFrom(sql)));
  } finally {
    await client.end();
  }
}

async function buildIndexes(databaseUrl: string, definitions: string[], builders: number): Promise<void> {
  const pending = [...definitions];
  await Promise.all(
    Array.from({ length: builders }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`SET maintenance_work_mem = '512MB'`);
        for (let definition = pending.shift(); definition; definition = pending.shift()) await client.query(definition);
      } finally {
        await client.end();
      }
    }),
  );
}

async function canSkipTriggers(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  return Boolean(rows[0]?.rolsuper);
}

/** Loads `bigOrders` into `big` and the rest of `total` across `otherTenants` new tenants. */
export async function loadOrders(
  databaseUrl: string,
  input: { big: TListTenant; bigOrders: number; total: number; otherTenants: number },
  say: (message: string) => void,
): Promise<TOrderSpace> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const others = await createOtherTenants(client, input.otherTenants);
    const spanMs = 730 * 24 * 3600 * 1000;
    const space: TOrderSpace = { big: input.big, others, bigOrders: input.bigOrders, total: input.total, startMs: Date.now() - spanMs - 86_400_000, spanMs };
    const definitions = await dropSecondaryIndexes(client);
    const isSuper = await canSkipTriggers(client);
    say(`COPY ${input.total} orders and their lines…`);
    if (isSuper) await Promise.all([copyRows(databaseUrl, space, 'orders', false), copyRows(databaseUrl, space, 'lines', true)]);
    else {
      await copyRows(databaseUrl, space, 'orders', false);
      await copyRows(databaseUrl, space, 'lines', false);
    }
    say(`rebuilding ${definitions.length} indexes…`);
    await buildIndexes(databaseUrl, definitions, 2);
    // What recordOrder keeps as it inserts lines: the tenant's distinct SKUs.
    await client.query('INSERT INTO order_skus (tenant_id, sku) SELECT DISTINCT tenant_id, sku FROM order_lines WHERE sku IS NOT NULL ON CONFLICT DO NOTHING');
    say('VACUUM ANALYZE…');
    for (const table of [...loadedTables, 'order_skus']) await client.query(`VACUUM (ANALYZE) ${table}`);
    // The load leaves gigabytes of WAL behind it, and Postgres writes its pages back in checkpoints
    // for minutes after: timed then, a case's p95 met the disk's fsyncs (20 ms instead of 7.6 in
    // one run, bench/results/2026-11-27-notes.md). A running store's database is not just loaded.
    say('CHECKPOINT…');
    await client.query('CHECKPOINT');
    return space;
  } finally {
    await client.end();
  }
}
