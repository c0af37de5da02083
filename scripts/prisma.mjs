#!/usr/bin/env node
// Runs the Prisma CLI with the project's environment and the wasm stand-in schema engine
// (Prisma's native engine cannot be downloaded everywhere; see scripts/prisma-schema-engine.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(root + '.env')) process.loadEnvFile(root + '.env');

const result = spawnSync(process.execPath, [root + 'node_modules/prisma/build/index.js', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: root + 'scripts/prisma-schema-engine.mjs',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
