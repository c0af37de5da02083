// The TikTok Shop API fake in a process of its own (the worker fetches every TikTok order from
// it), loaded with the shops and orders of bench/tmp/tiktok-shop.json. Prints "ready".
import { readFileSync } from 'node:fs';
import { startFakeTikTokShop } from '@/tests/fakes/tiktok-shop';

type TSeed = {
  shops: Array<{ shopId: string; cipher: string; accessToken: string }>;
  orders: Array<{ cipher: string; order: Record<string, unknown> }>;
};

const seed = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as TSeed;
const fake = await startFakeTikTokShop({
  appKey: process.env.TIKTOK_APP_KEY!,
  appSecret: process.env.TIKTOK_APP_SECRET!,
  port: Number(process.argv[3]),
});
for (const shop of seed.shops) fake.addShop(shop);
for (const { cipher, order } of seed.orders) fake.putOrder(cipher, order);
process.stdout.write(`ready on ${fake.url} with ${seed.orders.length} orders\n`);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
