import { defineConfig, devices } from '@playwright/test';
import { workerArgs } from './scripts/lib/worker-process.mjs';

// End-to-end tests against the built app (`next build` runs first in `npm test`) and a real
// worker, in Debian's Chromium: Playwright's own browser download does not work everywhere.
const port = Number(process.env.E2E_PORT ?? 3107);
// The web app and the worker connect as the app's role (row-level security), as in production;
// the tests themselves keep the owner's connection for their fixtures and checks.
const serviceDatabase: Record<string, string> = process.env.APP_DATABASE_URL ? { DATABASE_URL: process.env.APP_DATABASE_URL, SYSTEM_DATABASE_URL: process.env.DATABASE_URL! } : {};
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/artifacts/playwright',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      name: 'fakes',
      command: 'node_modules/.bin/tsx tests/fakes/serve-fakes.ts',
      wait: { stdout: /platform fakes listening/ },
      timeout: 60_000,
      stdout: 'pipe',
      env: { ...(process.env as Record<string, string>), FAKE_TIKTOK_REDIRECT_URL: `${baseURL}/api/stores/tiktok/callback` },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      name: 'web',
      command: `${process.execPath} scripts/web.mjs -p ${port}`,
      url: `${baseURL}/api/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { ...(process.env as Record<string, string>), HUB_SERVICE: 'web', APP_URL: baseURL, ...serviceDatabase },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      name: 'worker',
      command: [process.execPath, ...workerArgs].join(' '),
      wait: { stdout: /worker started/ },
      timeout: 60_000,
      stdout: 'pipe',
      env: { ...(process.env as Record<string, string>), HUB_SERVICE: 'worker', LOG_LEVEL: 'info', ...serviceDatabase },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
