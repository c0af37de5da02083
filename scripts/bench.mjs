#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --label <name>]`: the same set-up as `npm test` against a fresh
// `<db>_bench` database, then `next build` (when stale) and the benchmark runner, which starts
// web, worker and baselines itself. Not part of `npm test`: it prints figures, it asserts nothing.
import { spawn } from 'node:child_process';
import { binary, bootstrap, root, runMain } from './lib/bootstrap.mjs';
import { buildIfNeeded } from './lib/build-app.mjs';

async function main() {
  const { env, stop } = await bootstrap({ mode: 'bench' });
  try {
    buildIfNeeded(env);
    const code = await new Promise((resolve) => {
      const child = spawn(binary('tsx'), ['bench/run-bench.ts', ...process.argv.slice(2)], {
        cwd: root,
        env: { ...env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
        stdio: 'inherit',
      });
      const forward = (signal) => child.kill(signal);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    });
    process.exitCode = code;
  } finally {
    await stop();
  }
}

runMain(main);
