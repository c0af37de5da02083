import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const benchRoot = new URL('../..', import.meta.url).pathname;
const logDirectory = join(benchRoot, 'bench', 'tmp');

export type TRunningProcess = { name: string; child: ChildProcess; pid: number; stop: () => Promise<void> };

/**
 * Starts a child whose output goes to bench/tmp/<name>.log, and resolves once `isReady` says so.
 * Each child is stopped by its own pid: the machine is shared, nothing else is ever signalled.
 */
export async function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  isReady: () => Promise<boolean>,
): Promise<TRunningProcess> {
  mkdirSync(logDirectory, { recursive: true });
  const log = createWriteStream(join(logDirectory, `${name}.log`), { flags: 'w' });
  const child = spawn(command, args, { cwd: benchRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Both streams write to one log, which closes once the child and both streams are done: a
  // child dying with stderr still open must not end the log under it (an error in the bench).
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.once('close', () => log.end());
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 60_000;
  while (!(await isReady().catch(() => false))) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see bench/tmp/${name}.log`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready within 60 s; see bench/tmp/${name}.log`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name, child, pid: child.pid!, stop };
}

/** True once GET url answers 2xx. */
export async function answersOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}
