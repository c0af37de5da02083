#!/usr/bin/env node
// `npm start`: set up whatever is missing, build, serve the web app and the worker, seed the
// demo account through the running pipeline. Ctrl-C stops every child this process started.
import { spawn } from 'node:child_process';
import { binary, bootstrap, root, runMain, say } from './lib/bootstrap.mjs';
import { buildIfNeeded } from './lib/build-app.mjs';
import { serviceDatabaseEnv } from './lib/app-role.mjs';
import { workerArgs } from './lib/worker-process.mjs';

async function waitForHealth(url, children, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.some((child) => child.exitCode !== null)) return false;
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

async function main() {
  const { env, stop: stopServices } = await bootstrap({ mode: 'start' });
  const port = env.PORT || '3000';
  const sandbox = env.DEMO_SANDBOX !== '0';
  if (sandbox) {
    // The platforms' stand-ins (scripts/demo-sandbox.ts) on DEMO_SANDBOX_PORT, +1, +2, +3.
    const base = Number(env.DEMO_SANDBOX_PORT || 4010);
    Object.assign(env, {
      SHOPIFY_SHOP_URL_TEMPLATE: `http://127.0.0.1:${base}/shops/{shop}`,
      TIKTOK_API_BASE: `http://127.0.0.1:${base + 2}`,
      TIKTOK_AUTH_BASE: `http://127.0.0.1:${base + 2}`,
      TIKTOK_AUTHORIZE_URL: `http://127.0.0.1:${base + 2}/open/authorize`,
      ALIEXPRESS_API_BASE: `http://127.0.0.1:${base + 3}`,
    });
  }
  buildIfNeeded(env);

  const children = [];
  const start = (name, command, args, extraEnv = {}) => {
    const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.name = name;
    children.push(child);
    return child;
  };
  if (sandbox) start('sandbox', binary('tsx'), ['scripts/demo-sandbox.ts'], { APP_URL: env.APP_URL || `http://localhost:${port}` });
  // Web and worker connect as the app's role (row-level security); the demo seed as the owner.
  start('web', process.execPath, ['scripts/web.mjs', '-p', port], { HUB_SERVICE: 'web', ...serviceDatabaseEnv(env) });
  start('worker', process.execPath, workerArgs, { HUB_SERVICE: 'worker', ...serviceDatabaseEnv(env) });

  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    await Promise.all(
      children
        .filter((child) => child.exitCode === null)
        .map(
          (child) =>
            new Promise((resolve) => {
              const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
    );
    await stopServices();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  for (const child of [...children]) {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      say(`${child.name} exited (${code ?? signal}); stopping the rest.`);
      void stopAll(code || 1);
    });
  }

  const appUrl = `http://localhost:${port}`;
  if (!(await waitForHealth(`${appUrl}/api/health`, children))) {
    say('The web app did not become healthy.');
    return stopAll(1);
  }
  say('Seeding the demo account through the webhook pipeline…');
  const seed = start('seed', binary('tsx'), ['scripts/seed-demo.ts'], { APP_URL: appUrl });
  children.splice(children.indexOf(seed), 1); // the seed is meant to finish
  const seedCode = await new Promise((resolve) => seed.once('exit', (code) => resolve(code)));
  if (seedCode !== 0) say('Seeding the demo failed; the app keeps running.');
  say(`Order hub is running on ${appUrl} (Ctrl-C stops it).`);
}

runMain(main);
