import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@/tests/support/processes';
import { workerArgs } from '@/scripts/lib/worker-process.mjs';

// The web and worker processes of a chaos run. Each runs as ONE node process (no tsx wrapper in
// front), in a process group of its own: a SIGKILL reaches the worker itself, never a parent that
// would leave it running.

export type TServiceProcess = {
  name: string;
  child: ChildProcess;
  isRunning: () => boolean;
  /** Sends `signal` and resolves with how the process ended. */
  signal: (signal: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const running = new Set<TServiceProcess>();

/**
 * Notes a process this harness started, so that the next run can stop it if this one died
 * without cleaning up (a killed test run leaves its detached servers behind).
 */
export function recordPid(directory: string, name: string, pid: number, marker: string): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `${name}.pid`), JSON.stringify({ pid, marker }));
}

export function forgetPid(directory: string, name: string): void {
  rmSync(join(directory, `${name}.pid`), { force: true });
}

/** Stops what an earlier run recorded and left running: only a process whose command line still matches. */
export function stopRecordedLeftovers(directory: string): void {
  if (!existsSync(directory)) return;
  for (const file of readdirSync(directory).filter((entry) => entry.endsWith('.pid'))) {
    const { pid, marker } = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { pid: number; marker: string };
    let commandLine = '';
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      // gone already
    }
    if (commandLine.includes(marker)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
    }
    rmSync(join(directory, file), { force: true });
  }
}

function killAllOnExit() {
  for (const service of running) {
    try {
      process.kill(-service.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.once('exit', killAllOnExit);

export function startServiceProcess(input: {
  name: string;
  args: string[];
  env: Record<string, string | undefined>;
  logDirectory: string;
  pidDirectory: string;
  /** Text of the process' command line that identifies it later (default: its arguments). */
  marker?: string;
  readyLine?: string;
  timeoutMs?: number;
}): Promise<TServiceProcess> {
  mkdirSync(input.logDirectory, { recursive: true });
  const log = createWriteStream(join(input.logDirectory, `${input.name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, input.args, {
    cwd: projectRoot,
    env: { ...process.env, ...input.env, HUB_SERVICE: input.name } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  recordPid(input.pidDirectory, input.name, child.pid!, input.marker ?? input.args.join(' '));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(service);
      forgetPid(input.pidDirectory, input.name);
      resolve({ code, signal });
    });
  });
  const service: TServiceProcess = {
    name: input.name,
    child,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    exited,
    signal: async (signal) => {
      if (service.isRunning()) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          child.kill(signal);
        }
      }
      return exited;
    },
  };
  running.add(service);
  if (!input.readyLine) return Promise.resolve(service);
  const readyLine = input.readyLine;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${input.name} did not start within ${(input.timeoutMs ?? 90_000) / 1000} s (see ${input.logDirectory}/${input.name}.log)`));
    }, input.timeoutMs ?? 90_000);
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes(readyLine)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(service);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${input.name} exited (${code ?? signal}) before it was ready (see ${input.logDirectory}/${input.name}.log)`));
    });
  });
}

export function startWorker(name: string, env: Record<string, string | undefined>, directories: { logs: string; pids: string }): Promise<TServiceProcess> {
  return startServiceProcess({
    name,
    args: workerArgs,
    env: { ...env, LOG_LEVEL: 'info' },
    logDirectory: directories.logs,
    pidDirectory: directories.pids,
    readyLine: 'worker started',
  });
}

export async function startWeb(port: number, env: Record<string, string | undefined>, directories: { logs: string; pids: string }): Promise<TServiceProcess> {
  const logDirectory = directories.logs;
  const web = await startServiceProcess({
    name: 'web',
    args: ['scripts/web.mjs', '-p', String(port), '-H', '127.0.0.1'],
    env: { ...env, NODE_ENV: 'production', PORT: String(port) },
    logDirectory,
    pidDirectory: directories.pids,
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!web.isRunning()) throw new Error(`the web app exited before it answered (see ${logDirectory}/web.log)`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return web;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the web app did not become healthy within 90 s (see ${logDirectory}/web.log)`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
