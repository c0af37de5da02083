import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pool } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant-scope';
import { shopifyOrderBody } from '@/tests/fixtures/shopify';
import { addShopifyStore, createTestTenant } from '@/tests/support/tenants';
import { sendShopify } from '@/tests/support/webhooks';
import { settledOrders } from '@/tests/support/orders';

// Row-level security, the second wall: connected as the role the web app and the worker use
// (APP_DATABASE_URL, made by `npm test` as by `npm start`), a query sees only the rows of the
// tenant its transaction names, and none without one.

let app: pg.Client;

beforeAll(async () => {
  expect(process.env.APP_DATABASE_URL, 'npm test creates the app role and passes its URL').toBeTruthy();
  app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
});

async function tenantWithOrders(count: number) {
  const tenant = await createTestTenant('RLS merchant');
  const { shopDomain } = await addShopifyStore(tenant.tenantId);
  for (let index = 0; index < count; index++) {
    await sendShopify({ shopDomain, body: shopifyOrderBody({ id: String(9_910_000_000_000 + Math.floor(Math.random() * 1e9) + index), number: 500 + index }) });
  }
  await settledOrders(tenant.tenantId, count);
  return tenant;
}

async function inTransaction<T>(tenantId: string | null, work: () => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    if (tenantId) await app.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    return await work();
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('row-level security', () => {
  it('the app role is no superuser and cannot bypass row-level security', async () => {
    const { rows } = await app.query<{ rolsuper: boolean; rolbypassrls: boolean }>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    await expect(app.query('SELECT count(*) FROM "_prisma_migrations"')).rejects.toThrow(/permission denied/);
  });

  it('the worker processes connect as the app role (and as the owner only for the lookups across tenants)', async () => {
    await tenantWithOrders(1);
    const { rows } = await pool().query<{ application_name: string; usename: string }>(
      `SELECT DISTINCT application_name, usename FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'worker-a%' ORDER BY 1`,
    );
    expect(rows).toContainEqual({ application_name: 'worker-a', usename: 'order_hub_app' });
    expect(rows.filter((row) => row.application_name === 'worker-a' && row.usename !== 'order_hub_app')).toEqual([]);
  });

  it('every table with a tenant_id (and tenants itself) has row-level security and its policy', async () => {
    const { rows } = await pool().query<{ table_name: string; secured: boolean; policies: number }>(
      `SELECT c.relname AS table_name, c.relrowsecurity AS secured,
              (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM information_schema.columns col
                 WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'tenant_id'))
        ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.filter((row) => !row.secured || row.policies === 0)).toEqual([]);
  });

  it('a query without a tenant sees no tenant’s rows; with one, only that tenant’s', async () => {
    const a = await tenantWithOrders(3);
    const b = await tenantWithOrders(2);
    const count = async (table: string) => (await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

    for (const table of ['orders', 'order_lines', 'webhook_events', 'stores', 'tenants', 'memberships', 'audit_events']) {
      expect(await count(table), `${table} without a tenant`).toBe(0);
    }
    await inTransaction(a.tenantId, async () => {
      const { rows } = await app.query<{ tenant_id: string; n: number }>('SELECT tenant_id, count(*)::int AS n FROM orders GROUP BY tenant_id');
      expect(rows).toEqual([{ tenant_id: a.tenantId, n: 3 }]);
      expect(await count('tenants')).toBe(1);
      // Another tenant's rows can be neither changed nor written.
      expect((await app.query(`UPDATE orders SET customer_name = 'x' WHERE tenant_id = $1`, [b.tenantId])).rowCount).toBe(0);
      await expect(
        app.query(`INSERT INTO audit_events (tenant_id, id, actor_type, action, subject_type, subject_id) VALUES ($1, 'aud_rls_probe', 'system', 'probe', 'order', 'x')`, [b.tenantId]),
      ).rejects.toThrow(/row-level security/);
    });
    // The search function (it reads past the policies, for the indexes) answers only for the
    // caller's own tenant.
    const matching = async (tenantId: string) => (await app.query<{ id: string }>(`SELECT id FROM order_ids_matching($1, '%')`, [tenantId])).rows.length;
    expect(await matching(b.tenantId)).toBe(0);
    await inTransaction(a.tenantId, async () => {
      expect(await matching(a.tenantId)).toBe(3);
      expect(await matching(b.tenantId)).toBe(0);
    });
    // SET LOCAL ends with its transaction: the next one starts with no tenant again.
    expect(await count('orders')).toBe(0);
    await inTransaction(b.tenantId, async () => {
      expect((await app.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')).rows[0]!.n).toBe(2);
    });
  });

  it('work for one tenant cannot open a scope for another', async () => {
    const a = await createTestTenant('RLS scope A');
    const b = await createTestTenant('RLS scope B');
    await expect(withTenant(a.tenantId, () => withTenant(b.tenantId, async () => 'crossed'))).rejects.toThrow(/inside the scope of tenant/);
    await expect(withTenant(a.tenantId, () => withTenant(a.tenantId, async () => 'same'))).resolves.toBe('same');
  });
});
