#!/usr/bin/env node
// `npm start`: set up whatever is missing, build, serve the web app and the worker, seed the
// demo account through the running pipeline. Ctrl-C stops every child this process started.
import { spawn } from 'node:child_process';
import { binary, bootstrap, buildIfNeeded, root, runMain, say } from './lib/bootstrap.mjs';

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
  if (sandbox) env.TIKTOK_API_BASE = `http://127.0.0.1:${env.DEMO_SANDBOX_PORT || 4010}`;
  buildIfNeeded(env);

  const children = [];
  const start = (name, command, args, extraEnv = {}) => {
    const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.name = name;
    children.push(child);
    return child;
  };
  if (sandbox) start('sandbox', binary('tsx'), ['scripts/demo-sandbox.ts']);
  start('web', binary('next'), ['start', '-p', port], { HUB_SERVICE: 'web' });
  start('worker', binary('tsx'), ['workers/main.ts'], { HUB_SERVICE: 'worker' });

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
