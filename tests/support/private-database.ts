import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '@/tests/support/processes';

/**
 * A migrated database of its own for one test file, next to the test database (`<test db>_<name>`).
 * For tests that count every row of every table, or run the inbox sweeper, which would otherwise
 * see what the test files running alongside write. Call before anything opens the database, then
 * point DATABASE_URL at `url`.
 */
export async function createPrivateDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base?.includes('_test')) throw new Error('Run through `npm test`, which prepares a fresh <name>_test database.');
  const url = new URL(base);
  const database = `${url.pathname.slice(1)}_${name}`;
  url.pathname = `/${database}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await run(`CREATE DATABASE "${database}"`);
  const migrate = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'prisma.mjs'), 'migrate', 'deploy'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url.toString() },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed: ${migrate.stderr || migrate.stdout}`);
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) };
}
