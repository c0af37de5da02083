// The role the web app and the worker connect as: no superuser, no BYPASSRLS, so the row-level
// security of the tenant tables holds for them (migration 20261127400000). The owner of
// DATABASE_URL keeps the schema and does the few lookups across tenants (SYSTEM_DATABASE_URL).

export const appRole = 'order_hub_app';

function quoteLiteral(value) {
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * Creates (or updates) the app's role with `password` and grants it the data of the database of
 * `ownerUrl`. Returns the app's connection URL, or null when the owner may not create roles (a
 * managed database: create the role there yourself, see README).
 */
export async function ensureAppRole(ownerUrl, password) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user');
    if (!rows[0]?.may) return null;
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole])).rowCount;
    const attributes = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${quoteLiteral(password)}`;
    await client.query(exists ? `ALTER ROLE ${appRole} ${attributes}` : `CREATE ROLE ${appRole} ${attributes}`);
    const { rows: database } = await client.query('SELECT current_database() AS name, current_user AS owner');
    const { name, owner } = database[0];
    for (const statement of [
      `GRANT CONNECT, TEMPORARY ON DATABASE "${name}" TO ${appRole}`,
      `GRANT USAGE ON SCHEMA public TO ${appRole}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${appRole}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${appRole}`,
      `REVOKE ALL ON TABLE "_prisma_migrations" FROM ${appRole}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE "${owner}" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole}`,
    ]) {
      await client.query(statement);
    }
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = appRole;
  url.password = password;
  return url.toString();
}

/** The environment of a web or worker process: the app's role, and the owner for the system lookups. */
export function serviceDatabaseEnv(env) {
  if (!env.APP_DATABASE_URL) return {};
  return { DATABASE_URL: env.APP_DATABASE_URL, SYSTEM_DATABASE_URL: env.DATABASE_URL };
}
