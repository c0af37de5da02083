#!/usr/bin/env node
// `npm test`: the same set-up as `npm start` (against a fresh `<db>_test` database), then the
// typecheck, unit, integration, chaos and end-to-end suites. Exits non-zero when any of them fails.
//   npm test                 every suite
//   npm test -- unit e2e     only the named suites (typecheck, unit, integration, chaos, e2e)
//   npm test -- e2e --grep TikTok    options and file filters after the names go to the runner
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { binary, bootstrap, root, runMain, say } from './lib/bootstrap.mjs';
import { scanLogs } from './lib/scan-logs.mjs';

// Every suite's output is also kept under tests/artifacts/logs/, next to the logs of the worker
// processes the tests start; at the end all of them are searched for secrets.
const artifacts = join(root, 'tests', 'artifacts');
const suiteLogs = join(artifacts, 'logs');

const suites = {
  typecheck: [binary('tsc'), ['--noEmit', '-p', '.']],
  unit: [binary('vitest'), ['run', '--project', 'unit']],
  integration: [binary('vitest'), ['run', '--project', 'integration']],
  // Short versions of `npm run chaos`, against the built app on private servers.
  chaos: [binary('vitest'), ['run', '--project', 'chaos']],
  build: [binary('next'), ['build']],
  e2e: [binary('playwright'), ['test']],
};

function runSuite(name, env, extraArgs = []) {
  const [command, baseArgs] = suites[name];
  const args = name === 'unit' || name === 'integration' || name === 'e2e' ? [...baseArgs, ...extraArgs] : baseArgs;
  say(`── ${name} ──`);
  const started = Date.now();
  const log = createWriteStream(join(suiteLogs, `${name}.log`));
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { FORCE_COLOR: process.stdout.isTTY ? '1' : '0', ...env }, stdio: ['inherit', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      log.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      log.write(chunk);
    });
    child.once('close', (code, signal) => {
      log.end();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      resolve({ name, ok: code === 0, detail: code === 0 ? `${seconds}s` : `failed (${code ?? signal}) after ${seconds}s` });
    });
  });
}

async function main() {
  // Suite names first; anything else (options, file filters) goes to the test runner.
  const suiteNames = ['typecheck', 'unit', 'integration', 'chaos', 'e2e'];
  const args = process.argv.slice(2);
  const firstRunnerArg = args.findIndex((argument) => !suiteNames.includes(argument));
  const requested = firstRunnerArg === -1 ? args : args.slice(0, firstRunnerArg);
  const runnerArgs = firstRunnerArg === -1 ? [] : args.slice(firstRunnerArg);
  const selected = requested.length ? requested : suiteNames;
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
  // This run's logs only: the previous run's go.
  mkdirSync(suiteLogs, { recursive: true });
  for (const entry of readdirSync(artifacts)) if (entry.endsWith('.log')) rmSync(join(artifacts, entry));
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
      results.push(await runSuite(name, env, runnerArgs));
    }
  } finally {
    await stop();
  }
  results.push(checkLogsForSecrets(env, selected));
  say('── summary ──');
  for (const result of results) say(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name}  ${result.detail}`);
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}

/** No secret of this run in any of its logs (suites, workers, the chaos cluster's web and workers). */
function checkLogsForSecrets(env, selected) {
  const directories = [artifacts, ...(selected.includes('chaos') ? [join(root, '.data', 'chaos', 'test', 'logs')] : [])];
  const { files, findings } = scanLogs(directories, env);
  for (const finding of findings.slice(0, 20)) say(`secret in a log: ${finding.what} at ${finding.file}:${finding.line}`);
  return { name: 'secrets', ok: findings.length === 0, detail: findings.length ? `${findings.length} found in the logs` : `none in ${files} logs` };
}

runMain(main);
