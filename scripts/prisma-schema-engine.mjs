#!/usr/bin/env node
// Stand-in for Prisma's native schema-engine binary, built on @prisma/schema-engine-wasm.
//
// Prisma 7's CLI downloads a native schema engine from its own host at install time; where that
// host is unreachable, `prisma migrate *` fails. The CLI honours PRISMA_SCHEMA_ENGINE_BINARY, so
// scripts/prisma.mjs points it here. We speak the binary's protocol: command-line arguments
// (`--datamodels`, `--datasource`, `cli <command>`), then JSON-RPC 2.0 on stdin/stdout with JSON
// log lines on stderr. Every Prisma package is pinned exactly; an upgrade must re-check this file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { dirname } from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

function parseArguments(argv) {
  const parsed = { datamodels: [], datasource: null, cliCommand: null };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--datamodels') parsed.datamodels.push(argv[++index]);
    else if (argument === '--datasource') parsed.datasource = JSON.parse(argv[++index]);
    else if (argument === '--enabled-preview-features' || argument === '--extension-types') index++;
    else if (argument === 'cli') parsed.cliCommand = argv[++index];
    else if (argument === '--version' || argument === '-V') parsed.cliCommand = 'version';
  }
  return parsed;
}

function log(level, message, extra = {}) {
  process.stderr.write(
    JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: 'schema_engine::logger' }) + '\n',
  );
}

// connectToShadowDb() keeps the main database when the config holds a connectionString, so the
// adapter gets the parts of the URL instead.
function toPoolConfig(url) {
  const parsed = new URL(url);
  return {
    host: parsed.searchParams.get('host') ?? decodeURIComponent(parsed.hostname),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

// @prisma/adapter-pg throws on Postgres' internal "char" (OID 18) and "name" (OID 19) columns,
// which the engine reads from the catalogs during introspection. Both arrive as strings, so we
// report them as text.
function patchInternalTypeOids(adapter) {
  let prototype = Object.getPrototypeOf(adapter);
  while (prototype && !Object.hasOwn(prototype, 'performIO')) prototype = Object.getPrototypeOf(prototype);
  if (!prototype || prototype.__internalOidsPatched) return;
  const performIO = prototype.performIO;
  prototype.performIO = async function performIOWithTextOids(...args) {
    const result = await performIO.apply(this, args);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    }
    return result;
  };
  prototype.__internalOidsPatched = true;
}

function createAdapterFactory(url) {
  const config = toPoolConfig(url);
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchInternalTypeOids(adapter);
    return adapter;
  };
  // The adapter's own shadow database drops the database before closing its pool, which
  // Postgres refuses ("being accessed by other users"): close first, then drop.
  factory.connectToShadowDb = async () => {
    const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    const main = await connect();
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...config, database: name }).connect();
    patchInternalTypeOids(shadow);
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

async function loadWasmEngine() {
  const packageDirectory = dirname(require.resolve('@prisma/schema-engine-wasm')) + '/';
  // Node 20 cannot import a .wasm file, so the bindings are instantiated by hand.
  const bindings = await import(packageDirectory + 'schema_engine_bg.js');
  const bytes = readFileSync(packageDirectory + 'schema_engine_bg.wasm');
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings;
}

async function runOneShot(command, url) {
  const config = toPoolConfig(url);
  const run = async (database, sql) => {
    const client = new pg.Client({ ...config, database });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const quoted = '"' + config.database.replaceAll('"', '""') + '"';
  switch (command) {
    case 'can-connect-to-database':
      await run(config.database, 'SELECT 1');
      return;
    case 'create-database':
      await run('postgres', `CREATE DATABASE ${quoted}`);
      return;
    case 'drop-database':
      await run('postgres', `DROP DATABASE IF EXISTS ${quoted}`);
      return;
    default:
      throw new Error(`Unknown schema engine command: ${command}`);
  }
}

function toRpcError(error) {
  const message = error?.message ?? String(error);
  const isPanic = /RuntimeError|unreachable|panicked/.test(String(error?.name) + message);
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: isPanic,
      message,
      ...(error?.code ? { error_code: error.code } : {}),
      ...(error?.meta ? { meta: error.meta } : {}),
    },
  };
}

async function createEngine(options) {
  const bindings = await loadWasmEngine();
  const adapterFactory = options.datasource?.url ? createAdapterFactory(options.datasource.url) : undefined;
  const datamodels = options.datamodels.length
    ? options.datamodels.map((path) => [path, readFileSync(path, 'utf8')])
    : undefined;
  return bindings.SchemaEngine.new({ datamodels }, (line) => log('DEBUG', String(line)), adapterFactory);
}

function serve(options) {
  // A failed start (say, the database does not exist) is reported as the answer to each request,
  // so the CLI shows the reason instead of a silent exit.
  const enginePromise = createEngine(options);
  enginePromise.catch((error) => log('ERROR', error?.message ?? String(error)));
  let nextRequestId = 1_000_000;

  const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let pending = Promise.resolve();
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const message = JSON.parse(line);
    if (message.method === undefined) return; // an answer to our own `print` request
    // The native engine handles one request at a time; so do we.
    pending = pending.then(async () => {
      const method = message.method === 'getDatabaseVersion' ? 'version' : message.method;
      try {
        const engine = await enginePromise;
        if (typeof engine[method] !== 'function') throw new Error(`Unknown method ${message.method}`);
        const result = await engine[method](message.params ?? undefined);
        if (method === 'diff' && result && typeof result === 'object' && 'stdout' in result) {
          const { stdout, ...rest } = result;
          if (stdout) send({ jsonrpc: '2.0', id: nextRequestId++, method: 'print', params: { content: stdout.replace(/\n$/, '') } });
          send({ jsonrpc: '2.0', id: message.id, result: rest });
        } else {
          send({ jsonrpc: '2.0', id: message.id, result: result ?? null });
        }
      } catch (error) {
        send({ jsonrpc: '2.0', id: message.id, error: toRpcError(error) });
      }
    });
  });
  lines.on('close', () => pending.then(() => process.exit(0)));
}

const options = parseArguments(process.argv.slice(2));
// The CLI drops the first stderr line, where the native engine logs that it started.
log('INFO', 'Starting schema engine (wasm stand-in)');
if (options.cliCommand === 'version') {
  process.stdout.write('schema-engine-wasm-stand-in\n');
} else if (options.cliCommand) {
  runOneShot(options.cliCommand, options.datasource?.url).then(
    () => process.exit(0),
    (error) => {
      log('ERROR', error.message, { error_code: error.code === '3D000' ? 'P1003' : 'P1001' });
      process.exit(1);
    },
  );
} else {
  serve(options);
}
