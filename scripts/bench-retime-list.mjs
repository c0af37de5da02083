#!/usr/bin/env node
// `npm run bench:retime-list`: scenario 3 again on the orders the last `npm run bench` loaded into
// `<db>_bench` (kept until the next run), after applying pending migrations and rebuilding.
import { spawn } from 'node:child_process';
import { binary, root, run, runMain, say, withDatabase } from './lib/bootstrap.mjs';
import { buildIfNeeded } from './lib/build-app.mjs';
import { ensureAppRole } from './lib/app-role.mjs';

async function main() {
  process.loadEnvFile(`${root}.env`);
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', NEXT_TELEMETRY_DISABLED: '1' };
  const name = decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1));
  env.DATABASE_URL = withDatabase(env.DATABASE_URL, `${name}_bench`);
  env.QUEUE_PREFIX = `${env.QUEUE_PREFIX ?? '{hub}'}`.replace(/}$/, '-bench}');
  say(`Re-timing scenario 3 on ${name}_bench.`);
  run(process.execPath, [`${root}scripts/prisma.mjs`, 'migrate', 'deploy'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  // The web app connects as the app's role, as in `npm run bench`: row-level security is part of what is timed.
  const appUrl = env.APP_DATABASE_PASSWORD ? await ensureAppRole(env.DATABASE_URL, env.APP_DATABASE_PASSWORD) : null;
  if (appUrl) env.APP_DATABASE_URL = appUrl;
  else say('No app role: the web app connects as the owner, without row-level security.');
  buildIfNeeded(env);
  const code = await new Promise((resolve) => {
    const child = spawn(binary('tsx'), ['bench/retime-order-list.ts', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
    child.once('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  process.exitCode = code;
}

runMain(main);
