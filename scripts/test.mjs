#!/usr/bin/env node
// `npm test`: the same set-up as `npm start` (against a fresh `<db>_test` database), then the
// typecheck, unit, integration, chaos and end-to-end suites. Exits non-zero when any of them fails.
//   npm test                 every suite
//   npm test -- unit e2e     only the named suites (typecheck, unit, integration, chaos, e2e)
import { spawn } from 'node:child_process';
import { binary, bootstrap, root, runMain, say } from './lib/bootstrap.mjs';

const suites = {
  typecheck: [binary('tsc'), ['--noEmit', '-p', '.']],
  unit: [binary('vitest'), ['run', '--project', 'unit']],
  integration: [binary('vitest'), ['run', '--project', 'integration']],
  // Short versions of `npm run chaos`, against the built app on private servers.
  chaos: [binary('vitest'), ['run', '--project', 'chaos']],
  build: [binary('next'), ['build']],
  e2e: [binary('playwright'), ['test']],
};

function runSuite(name, env) {
  const [command, args] = suites[name];
  say(`── ${name} ──`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.once('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      resolve({ name, ok: code === 0, detail: code === 0 ? `${seconds}s` : `failed (${code ?? signal}) after ${seconds}s` });
    });
  });
}

async function main() {
  const requested = process.argv.slice(2).filter((argument) => !argument.startsWith('-'));
  for (const name of requested) {
    if (!suites[name] || name === 'build') throw new Error(`Unknown suite "${name}" (typecheck, unit, integration, chaos, e2e)`);
  }
  const selected = requested.length ? requested : ['typecheck', 'unit', 'integration', 'chaos', 'e2e'];
  const { env, stop } = await bootstrap({ mode: 'test' });
  // Quick retries, so a test that waits for a FAILED event waits seconds, not minutes.
  Object.assign(env, { NODE_ENV: 'test', INGEST_ATTEMPTS: '3', INGEST_BACKOFF_MS: '200', SWEEP_INTERVAL_MS: '500', LOG_LEVEL: 'error' });
  const results = [];
  let build;
  try {
    for (const name of selected) {
      // The chaos and end-to-end suites run the built app: one build serves both.
      if (name === 'chaos' || name === 'e2e') {
        if (!build) {
          build = await runSuite('build', { ...env, NODE_ENV: 'production' });
          results.push(build);
        }
        if (!build.ok) continue;
      }
      results.push(await runSuite(name, env));
    }
  } finally {
    await stop();
  }
  say('── summary ──');
  for (const result of results) say(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name}  ${result.detail}`);
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}

runMain(main);
