#!/usr/bin/env node
// `npm run chaos`: the chaos scenarios at full size (see README, Chaos). They run against a
// private Postgres, Redis, web app and workers under .data/chaos/ (never the shared servers),
// so the set-up here is only dependencies, .env, the Prisma client and the build.
//   npm run chaos             scenarios a–g, then the table
//   npm run chaos -- c d      only the named scenarios
import { spawn } from 'node:child_process';
import { ensureDependencies, ensureEnvFile, generateClient, loadEnvironment, root, runMain } from './lib/bootstrap.mjs';
import { buildIfNeeded } from './lib/build-app.mjs';

async function main() {
  ensureDependencies();
  ensureEnvFile();
  loadEnvironment();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  generateClient(env);
  buildIfNeeded({ ...env, NODE_ENV: 'production' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos/run-scenarios.ts', ...process.argv.slice(2)], {
    cwd: root,
    env: { ...env, LOG_LEVEL: 'error' },
    stdio: 'inherit',
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  process.exit(code);
}

runMain(main);
