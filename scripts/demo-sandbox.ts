// The demo sandbox: a local stand-in for the TikTok Shop API so the seeded demo shop works
// without real credentials (DEMO_SANDBOX=1 in .env). It is the same fake the tests use.
import { startFakeTikTokShop } from '@/tests/fakes/tiktok-shop';

const port = Number(process.env.DEMO_SANDBOX_PORT ?? 4010);
const sandbox = await startFakeTikTokShop({
  appKey: process.env.TIKTOK_APP_KEY ?? '',
  appSecret: process.env.TIKTOK_APP_SECRET ?? '',
  port,
});
process.stdout.write(`[order-hub] Demo sandbox (TikTok Shop API stand-in) on ${sandbox.url}\n`);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
