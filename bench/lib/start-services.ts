import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { answersOk, benchRoot, startProcess, type TRunningProcess } from '@/bench/lib/start-process';
import { workerNodeFlags } from '@/scripts/lib/worker-process.mjs';

// The processes a benchmark measures, started the way production starts them: the built web app
// with scripts/web.mjs, the worker bundled and run by plain node (scripts/worker.mjs, no wrapper process), both
// connected as the app's role, so row-level security is part of what is measured.

const logOf = (name: string) => join(benchRoot, 'bench', 'tmp', `${name}.log`);

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Extra node flags for a measured process, for profiling: BENCH_WEB_NODE_ARGS, BENCH_WORKER_NODE_ARGS. */
const nodeArgs = (variable: string) => (process.env[variable] ?? '').split(' ').filter(Boolean);

const asApp = (env: NodeJS.ProcessEnv) => (env.APP_DATABASE_URL ? { DATABASE_URL: env.APP_DATABASE_URL, SYSTEM_DATABASE_URL: env.DATABASE_URL } : {});

export function startWeb(port: number, env: NodeJS.ProcessEnv): Promise<TRunningProcess> {
  return startProcess('web', process.execPath, [...nodeArgs('BENCH_WEB_NODE_ARGS'), 'scripts/web.mjs', '-p', String(port)], { ...env, ...asApp(env), PORT: String(port), HUB_SERVICE: 'web' }, () =>
    answersOk(`http://127.0.0.1:${port}/api/health`),
  );
}

export function startWorker(env: NodeJS.ProcessEnv): Promise<TRunningProcess> {
  return startProcess('worker', process.execPath, [...workerNodeFlags, ...nodeArgs('BENCH_WORKER_NODE_ARGS'), 'scripts/worker.mjs'], { ...env, ...asApp(env), HUB_SERVICE: 'worker', LOG_LEVEL: 'info' }, async () =>
    readFileSync(logOf('worker'), 'utf8').includes('worker started'),
  );
}

export const baselineQueuePrefix = (env: NodeJS.ProcessEnv) => (env.QUEUE_PREFIX ?? '{hub}').replace(/}$/, '-baseline}');

export function startMinimalWebhookServer(port: number, env: NodeJS.ProcessEnv): Promise<TRunningProcess> {
  return startProcess(
    'minimal-webhook-server',
    process.execPath,
    ['--import', 'tsx', 'bench/baselines/minimal-webhook-server.ts'],
    { ...env, BASELINE_PORT: String(port), BASELINE_QUEUE_PREFIX: baselineQueuePrefix(env) },
    () => isListening(port),
  );
}

export function startTikTokShopFake(port: number, env: NodeJS.ProcessEnv, seed: unknown): Promise<TRunningProcess> {
  mkdirSync(join(benchRoot, 'bench', 'tmp'), { recursive: true });
  const seedPath = join(benchRoot, 'bench', 'tmp', 'tiktok-shop.json');
  writeFileSync(seedPath, JSON.stringify(seed));
  return startProcess('tiktok-shop-fake', process.execPath, ['--import', 'tsx', 'bench/serve-tiktok-fake.ts', seedPath, String(port)], env, () =>
    isListening(port),
  );
}
