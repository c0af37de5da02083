#!/usr/bin/env node
// `npm test`: the same set-up as `npm start` (against a fresh `<db>_test` database), then the
// typecheck, unit, integration and end-to-end suites. Exits non-zero when any of them fails.
//   npm test                 every suite
//   npm test -- unit e2e     only the named suites (typecheck, unit, integration, e2e)
//   npm test -- e2e --grep TikTok    options and file filters after the names go to the runner
import { spawn } from 'node:child_process';
import { binary, bootstrap, root, runMain, say } from './lib/bootstrap.mjs';

const suites = {
  typecheck: [binary('tsc'), ['--noEmit', '-p', '.']],
  unit: [binary('vitest'), ['run', '--project', 'unit']],
  integration: [binary('vitest'), ['run', '--project', 'integration']],
  build: [binary('next'), ['build']],
  e2e: [binary('playwright'), ['test']],
};

function runSuite(name, env, extraArgs = []) {
  const [command, baseArgs] = suites[name];
  const args = name === 'unit' || name === 'integration' || name === 'e2e' ? [...baseArgs, ...extraArgs] : baseArgs;
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
  // Suite names first; anything else (options, file filters) goes to the test runner.
  const args = process.argv.slice(2);
  const firstRunnerArg = args.findIndex((argument) => !['typecheck', 'unit', 'integration', 'e2e'].includes(argument));
  const requested = firstRunnerArg === -1 ? args : args.slice(0, firstRunnerArg);
  const runnerArgs = firstRunnerArg === -1 ? [] : args.slice(firstRunnerArg);
  const selected = requested.length ? requested : ['typecheck', 'unit', 'integration', 'e2e'];
  const { env, stop } = await bootstrap({ mode: 'test' });
  // Quick retries, so a test that waits for a FAILED event waits seconds, not minutes.
  Object.assign(env, { NODE_ENV: 'test', INGEST_ATTEMPTS: '3', INGEST_BACKOFF_MS: '200', SWEEP_INTERVAL_MS: '500', LOG_LEVEL: 'error' });
  // The platforms are local fakes (tests/fakes) on FAKES_PORT, +1, +2, +3; the app reaches them through
  // the same base URLs it uses for the real ones.
  const fakesPort = Number(env.FAKES_PORT ?? 4600);
  Object.assign(env, {
    FAKES_PORT: String(fakesPort),
    SHOPIFY_SHOP_URL_TEMPLATE: `http://127.0.0.1:${fakesPort}/shops/{shop}`,
    FAKE_WOO_BASE: `http://127.0.0.1:${fakesPort + 1}`,
    TIKTOK_API_BASE: `http://127.0.0.1:${fakesPort + 2}`,
    TIKTOK_AUTH_BASE: `http://127.0.0.1:${fakesPort + 2}`,
    TIKTOK_AUTHORIZE_URL: `http://127.0.0.1:${fakesPort + 2}/open/authorize`,
    ALIEXPRESS_API_BASE: `http://127.0.0.1:${fakesPort + 3}`,
  });
  const results = [];
  try {
    for (const name of selected) {
      if (name === 'e2e') {
        const build = await runSuite('build', { ...env, NODE_ENV: 'production' });
        results.push(build);
        if (!build.ok) continue;
      }
      results.push(await runSuite(name, env, runnerArgs));
    }
  } finally {
    await stop();
  }
  say('── summary ──');
  for (const result of results) say(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name}  ${result.detail}`);
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}

runMain(main);
