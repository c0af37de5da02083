import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerArgs } from '@/scripts/lib/worker-process.mjs';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The app's role for the database the tests use (a test on a private database keeps its own). */
function serviceDatabaseEnv(): Record<string, string> {
  const { APP_DATABASE_URL: app, DATABASE_URL: owner } = process.env;
  if (!app || !owner || new URL(app).pathname !== new URL(owner).pathname) return {};
  return { DATABASE_URL: app, SYSTEM_DATABASE_URL: owner };
}

export type TWorkerProcess = { child: ChildProcess; stop: (signal?: NodeJS.Signals) => Promise<void> };

/**
 * Starts a real worker process and resolves once it reports that it started. Node itself runs
 * the worker (bundled from the current sources, no wrapper process), so a signal the test sends —
 * SIGKILL included — reaches the worker and nothing is left running. Its log goes to
 * tests/artifacts/<name>.log.
 */
export async function startWorkerProcess(name: string, env: Record<string, string | undefined>): Promise<TWorkerProcess> {
  mkdirSync(`${projectRoot}tests/artifacts`, { recursive: true });
  const log = createWriteStream(`${projectRoot}tests/artifacts/${name}.log`, { flags: 'a' });
  const child = spawn(process.execPath, workerArgs, {
    cwd: projectRoot,
    // As in production, the worker connects as the app's role (row-level security holds for it).
    env: {
      ...process.env,
      ...serviceDatabaseEnv(),
      LOG_LEVEL: 'info',
      HUB_SERVICE: name,
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before starting`));
    });
  });
  return {
    child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
