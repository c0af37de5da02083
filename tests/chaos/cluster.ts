import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueNames } from '@/lib/queue/job-definitions';
import { startFakeTikTokShop, type TFakeTikTokShop } from '@/tests/fakes/tiktok-shop';
import { projectRoot } from '@/tests/support/processes';
import { assertPortFree, prepareDatabase, privatePostgresDirectory, startPrivatePostgres, startPrivateRedis, stopLeftoverPostgres, type TPrivatePostgres, type TPrivateRedis } from '@/tests/chaos/services';
import { startWeb, startWorker, stopRecordedLeftovers, type TServiceProcess } from '@/tests/chaos/processes';

// One chaos cluster: a private Postgres and Redis, the real web app (scripts/web.mjs, so a build
// must exist), real worker processes and the fake TikTok Shop API. The calling process points its
// own database client at the private Postgres too, to set up tenants and read verdicts.

export type TChaosPorts = { postgres: number; redis: number; web: number; platformApi: number };

export type TChaosCluster = {
  name: string;
  directory: string;
  postgres: TPrivatePostgres;
  redis: TPrivateRedis;
  tiktok: TFakeTikTokShop;
  web: TServiceProcess;
  webUrl: string;
  /** Starts `count` worker processes; `env` tunes them (INGEST_CONCURRENCY, INGEST_ATTEMPTS, …). */
  startWorkers: (count: number, env?: Record<string, string>) => Promise<TServiceProcess[]>;
  /** SIGTERM, then SIGKILL for a worker that has not left after 30 s. */
  stopWorkers: (workers: TServiceProcess[]) => Promise<void>;
  /** The ids of the ingest jobs BullMQ holds as active (= the event ids being processed). */
  activeJobIds: () => Promise<string[]>;
  /** Jobs waiting, delayed (retry backoff) or active: the backlog of the ingest queue. */
  backlog: () => Promise<number>;
  /** Whether the reconciliation schedule exists and the sync queue has nothing waiting or running. */
  isSyncIdle: () => Promise<boolean>;
  stop: () => Promise<void>;
};

export type TChaosClusterOptions = {
  name: string;
  ports: TChaosPorts;
  /** Settings of the web app and every worker (job attempts and backoff are set where jobs are enqueued). */
  serviceEnv: Record<string, string>;
};

export async function startChaosCluster(options: TChaosClusterOptions): Promise<TChaosCluster> {
  if (!existsSync(join(projectRoot, '.next', 'BUILD_ID'))) {
    throw new Error('The chaos scenarios run the built web app: run `next build` first (`npm run chaos` and `npm test` do).');
  }
  if ((globalThis as { orderHubDatabase?: unknown }).orderHubDatabase) {
    throw new Error('startChaosCluster must run before anything opens the database: it points DATABASE_URL at its own Postgres.');
  }
  const directory = join(projectRoot, '.data', 'chaos', options.name);
  const directories = { logs: join(directory, 'logs'), pids: join(projectRoot, '.data', 'chaos', `${options.name}-pids`) };
  // An earlier run that was killed may have left its servers running: stop those, start afresh.
  stopRecordedLeftovers(directories.pids);
  const postgresDirectory = privatePostgresDirectory(directory, options.name);
  stopLeftoverPostgres(postgresDirectory);
  rmSync(postgresDirectory, { recursive: true, force: true });
  rmSync(directory, { recursive: true, force: true });

  await assertPortFree(options.ports.web, 'web app');
  await assertPortFree(options.ports.platformApi, 'fake TikTok Shop API');
  const postgres = await startPrivatePostgres({ directory: postgresDirectory, port: options.ports.postgres });
  let redis: TPrivateRedis | undefined;
  let tiktok: TFakeTikTokShop | undefined;
  let appDatabaseUrl = '';
  try {
    appDatabaseUrl = await prepareDatabase(postgres.url);
    redis = await startPrivateRedis({ directory: join(directory, 'redis'), port: options.ports.redis, pidDirectory: directories.pids });
    tiktok = await startFakeTikTokShop({ appKey: process.env.TIKTOK_APP_KEY!, appSecret: process.env.TIKTOK_APP_SECRET!, port: options.ports.platformApi });
  } catch (error) {
    await redis?.stop();
    await postgres.stop();
    throw error;
  }
  const queuePrefix = `${(process.env.QUEUE_PREFIX ?? '{hub}').replace(/}$/, '')}-chaos}`;
  // This process (tenants, verdicts) uses the private servers as well.
  // It also reconciles (scenario g) against the private platform API.
  Object.assign(process.env, { DATABASE_URL: postgres.url, REDIS_URL: redis.url, QUEUE_PREFIX: queuePrefix, TIKTOK_API_BASE: tiktok.url });
  // Web and workers connect as the app's role, as in production (row-level security).
  const baseEnv = {
    ...process.env,
    ...options.serviceEnv,
    DATABASE_URL: appDatabaseUrl,
    SYSTEM_DATABASE_URL: postgres.url,
    TIKTOK_API_BASE: tiktok.url,
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'info',
  };

  const webPort = options.ports.web;
  let web: TServiceProcess;
  try {
    web = await startWeb(webPort, { ...baseEnv, LOG_LEVEL: 'warn' }, directories);
  } catch (error) {
    await tiktok.close();
    await redis.stop();
    await postgres.stop();
    throw error;
  }

  let workerCount = 0;
  const workers = new Set<TServiceProcess>();
  const inspectorConnection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  inspectorConnection.on('error', () => undefined); // Redis is killed on purpose in scenario c
  const inspector = new Queue(queueNames.ingest, { connection: inspectorConnection, prefix: queuePrefix });
  inspector.on('error', () => undefined);
  const syncInspector = new Queue(queueNames.sync, { connection: inspectorConnection, prefix: queuePrefix });
  syncInspector.on('error', () => undefined);

  const stopWorkers = async (list: TServiceProcess[]) => {
    await Promise.all(
      list.map(async (worker) => {
        const timer = setTimeout(() => void worker.signal('SIGKILL'), 30_000);
        await worker.signal('SIGTERM');
        clearTimeout(timer);
        workers.delete(worker);
      }),
    );
  };

  return {
    name: options.name,
    directory,
    postgres,
    redis,
    tiktok,
    web,
    webUrl: `http://127.0.0.1:${webPort}`,
    startWorkers: async (count, env = {}) => {
      const started = await Promise.all(
        Array.from({ length: count }, () => startWorker(`worker-${++workerCount}`, { ...baseEnv, ...env }, directories)),
      );
      for (const worker of started) workers.add(worker);
      return started;
    },
    stopWorkers,
    activeJobIds: async () => (await inspector.getActive()).map((job) => String(job.id)),
    backlog: () => inspector.getJobCountByTypes('waiting', 'delayed', 'active', 'prioritized'),
    isSyncIdle: async () => Boolean(await syncInspector.getJobScheduler('reconcile-all')) && (await syncInspector.getJobCountByTypes('waiting', 'active', 'prioritized')) === 0,
    stop: async () => {
      await stopWorkers([...workers]);
      await web.signal('SIGTERM');
      await inspector.close().catch(() => undefined);
      await syncInspector.close().catch(() => undefined);
      inspectorConnection.disconnect();
      const { disconnectDatabase } = await import('@/lib/db/client');
      const { closeProducer } = await import('@/lib/queue/producer');
      await disconnectDatabase();
      await closeProducer();
      await tiktok.close();
      await redis.stop();
      await postgres.stop();
    },
  };
}

/**
 * Private ports of a chaos cluster, derived from the checkout's PORT so that checkouts side by
 * side do not collide (PORT 3301: web 3312, Postgres 5412, Redis 6312, fake TikTok Shop API 3322
 * for `npm run chaos`, one more each for the short versions in `npm test`). CHAOS_WEB_PORT,
 * CHAOS_POSTGRES_PORT, CHAOS_REDIS_PORT and CHAOS_PLATFORM_API_PORT override them.
 */
export function chaosPorts(use: 'full' | 'test'): TChaosPorts {
  const slot = (Number(process.env.PORT ?? 3000) % 1000) + (use === 'full' ? 11 : 12);
  return {
    web: Number(process.env.CHAOS_WEB_PORT ?? 3000 + slot),
    postgres: Number(process.env.CHAOS_POSTGRES_PORT ?? 5100 + slot),
    redis: Number(process.env.CHAOS_REDIS_PORT ?? 6000 + slot),
    platformApi: Number(process.env.CHAOS_PLATFORM_API_PORT ?? 3010 + slot),
  };
}
