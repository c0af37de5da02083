// The shared set-up of `npm start` and `npm test`: dependencies, .env, Postgres, Redis,
// migrations and the Prisma client. Only Node built-ins are imported at the top: this file runs
// before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAppRole } from './app-role.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const envPath = join(root, '.env');
const dataDirectory = join(root, '.data');
const embeddedPostgresPort = 54329;
const embeddedRedisPort = 63799;

export function say(message) {
  process.stdout.write(`[order-hub] ${message}\n`);
}

export class SetupError extends Error {}

/** Runs a command to completion with inherited output; throws SetupError when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new SetupError(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

export function binary(name) {
  return join(root, 'node_modules', '.bin', name);
}

// 1. Dependencies -------------------------------------------------------------------------------

export function ensureDependencies() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  say('Installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}

// 2. .env ---------------------------------------------------------------------------------------

const generated = {
  ENCRYPTION_KEY: () => randomBytes(32).toString('hex'),
  BETTER_AUTH_SECRET: () => randomBytes(32).toString('base64url'),
  SHOPIFY_API_SECRET: () => randomBytes(24).toString('hex'),
  TIKTOK_APP_SECRET: () => randomBytes(24).toString('hex'),
  ALIEXPRESS_APP_SECRET: () => randomBytes(24).toString('hex'),
  APP_DATABASE_PASSWORD: () => randomBytes(18).toString('base64url'),
};

export function ensureEnvFile() {
  if (existsSync(envPath)) return;
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  const filled = example.replace(/^([A-Z_]+)=$/gm, (line, name) => (generated[name] ? `${name}=${generated[name]()}` : line));
  writeFileSync(envPath, filled, { mode: 0o600 });
  say('Wrote .env with freshly generated secrets.');
}

function readEnvFile() {
  const values = {};
  for (const line of readFileSync(envPath, 'utf8').split('\n')) {
    const match = line.match(/^([A-Z0-9_]+)=(.*)$/);
    if (match) values[match[1]] = match[2];
  }
  return values;
}

/** Sets one variable in .env, keeping the rest of the file (and its comments) as it is. */
function updateEnvFile(name, value) {
  const text = readFileSync(envPath, 'utf8');
  const pattern = new RegExp(`^${name}=.*$`, 'm');
  writeFileSync(envPath, pattern.test(text) ? text.replace(pattern, `${name}=${value}`) : `${text.trimEnd()}\n${name}=${value}\n`);
}

/** The environment: the process' own variables win over .env, empty .env values count as unset. */
export function loadEnvironment() {
  const fromFile = readEnvFile();
  for (const [name, value] of Object.entries(fromFile)) {
    if (process.env[name] === undefined && value !== '') process.env[name] = value;
  }
}

// 3. Postgres -----------------------------------------------------------------------------------

function isPortOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function canQueryPostgres(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'order_hub';
}

/**
 * Starts the embedded Postgres in a process group of its own: Ctrl-C in the terminal must not stop
 * the database before the worker has finished its jobs. `stops` stops it last.
 */
async function startEmbeddedPostgres(stops) {
  const directory = join(dataDirectory, 'postgres');
  const child = spawn(process.execPath, [join(root, 'scripts', 'lib', 'embedded-postgres-server.mjs'), directory, String(embeddedPostgresPort)], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      if (chunk.toString().includes('initialising')) say('Initialising an embedded Postgres under .data/postgres…');
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new SetupError(errors.trim() || `embedded Postgres exited with ${code}`)));
  });
  stops.push(() => stopChild(child, 20_000));
  return `postgresql://postgres:postgres@127.0.0.1:${embeddedPostgresPort}/order_hub`;
}

function stopChild(child, timeoutMs) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function ensurePostgres(stops) {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const attempt = await canQueryPostgres(configured);
    if (attempt.ok) return configured;
    const code = attempt.error?.code;
    const unreachable = ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code) || /timeout|ECONNREFUSED/i.test(attempt.error?.message ?? '');
    if (!unreachable) {
      throw new SetupError(`Postgres at DATABASE_URL answered but refused us: ${attempt.error?.message}. Fix DATABASE_URL in .env.`);
    }
    say(`Postgres is not reachable at ${redact(configured)}; starting an embedded one.`);
  }
  try {
    const url = await startEmbeddedPostgres(stops);
    const attempt = await canQueryPostgres(url);
    if (!attempt.ok) throw new SetupError(attempt.error?.message ?? 'no answer');
    if (configured !== url) updateEnvFile('DATABASE_URL', url);
    return url;
  } catch (error) {
    throw new SetupError(
      `No Postgres: DATABASE_URL is unreachable and the embedded Postgres could not start (${error.message}).\n` +
        '  Install PostgreSQL 15 or newer (Debian/Ubuntu: sudo apt install postgresql) and set DATABASE_URL in .env,\n' +
        '  or, with Docker: docker compose up -d   (Postgres 16 and Redis 7, see docker-compose.yml).',
    );
  }
}

async function ensureDatabase(url, { recreate = false } = {}) {
  const { default: pg } = await import('pg');
  const name = databaseName(url);
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    if (recreate) await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

// 4. Redis --------------------------------------------------------------------------------------

function findOnPath(name) {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(directory, name);
    if (directory && existsSync(candidate)) return candidate;
  }
  return null;
}

async function waitForPort(host, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isPortOpen(host, port, 500)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function ensureRedis(stops) {
  const configured = process.env.REDIS_URL;
  if (configured) {
    const parsed = new URL(configured);
    if (await isPortOpen(parsed.hostname, Number(parsed.port || 6379))) return configured;
    say(`Redis is not reachable at ${redact(configured)}; starting redis-server from PATH.`);
  }
  const server = findOnPath('redis-server');
  if (!server) {
    throw new SetupError(
      'No Redis: REDIS_URL is unreachable and there is no redis-server on PATH.\n' +
        '  Install Redis 7 (Debian/Ubuntu: sudo apt install redis-server) or set REDIS_URL in .env,\n' +
        '  or, with Docker: docker compose up -d   (Postgres 16 and Redis 7, see docker-compose.yml).',
    );
  }
  const directory = join(dataDirectory, 'redis');
  mkdirSync(directory, { recursive: true });
  const child = spawn(server, ['--port', String(embeddedRedisPort), '--bind', '127.0.0.1', '--dir', directory, '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
    detached: true, // like Postgres above: stopped last, not by the terminal's Ctrl-C
  });
  stops.push(() => stopChild(child, 10_000));
  if (!(await waitForPort('127.0.0.1', embeddedRedisPort, 10_000))) throw new SetupError('redis-server did not start');
  const url = `redis://127.0.0.1:${embeddedRedisPort}`;
  if (configured !== url) updateEnvFile('REDIS_URL', url);
  return url;
}

// 5. Schema -------------------------------------------------------------------------------------

function migrate(env) {
  run(process.execPath, [join(root, 'scripts', 'prisma.mjs'), 'migrate', 'deploy'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function generateClient(env) {
  run(process.execPath, [join(root, 'scripts', 'prisma.mjs'), 'generate'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Everything the app and the tests need, ready. Returns the environment for child processes and
 * a stop() for the services this process started.
 *   mode 'start': the database of DATABASE_URL.
 *   mode 'test':  a fresh `<name>_test` database on the same server and its own queue prefix.
 *   mode 'bench': the same with `<name>_bench`, so a benchmark never measures leftovers.
 */
export async function bootstrap({ mode }) {
  ensureDependencies();
  ensureEnvFile();
  loadEnvironment();
  const stops = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    let databaseUrl = await ensurePostgres(stops);
    const redisUrl = await ensureRedis(stops);
    const env = { ...process.env, REDIS_URL: redisUrl, NEXT_TELEMETRY_DISABLED: '1' };
    const isFresh = mode === 'test' || mode === 'bench';
    if (isFresh) {
      databaseUrl = withDatabase(databaseUrl, `${databaseName(databaseUrl)}_${mode}`);
      env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? '{hub}'}`.replace(/}$/, `-${mode}}`);
    }
    env.DATABASE_URL = databaseUrl;
    await ensureDatabase(databaseUrl, { recreate: isFresh });
    say(`Database ${redact(databaseUrl)}; Redis ${redact(redisUrl)}.`);
    migrate(env);
    generateClient(env);
    if (!process.env.APP_DATABASE_PASSWORD) {
      process.env.APP_DATABASE_PASSWORD = generated.APP_DATABASE_PASSWORD();
      updateEnvFile('APP_DATABASE_PASSWORD', process.env.APP_DATABASE_PASSWORD);
    }
    const appUrl = await ensureAppRole(databaseUrl, process.env.APP_DATABASE_PASSWORD);
    if (appUrl) env.APP_DATABASE_URL = appUrl;
    else say('The database user may not create roles: the app connects as the owner, and row-level security is not enforced (README, Security).');
    return { env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs `main`, printing a SetupError as a plain message (no stack) and exiting non-zero. */
export function runMain(main) {
  main().catch((error) => {
    if (error instanceof SetupError) process.stderr.write(`\n[order-hub] ${error.message}\n`);
    else process.stderr.write(`\n[order-hub] ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
