// Runs the Shopify, WooCommerce and TikTok Shop fakes as one process on fixed ports: FAKES_PORT,
// +1 and +2. `npm test` points the app at them; the demo sandbox of `npm start` uses them too.
import { startFakeShopify } from '@/tests/fakes/shopify';
import { startFakeWooCommerce } from '@/tests/fakes/woocommerce';
import { startFakeTikTokShop } from '@/tests/fakes/tiktok-shop';

export function fakeUrls(basePort: number) {
  return {
    shopifyShopUrlTemplate: `http://127.0.0.1:${basePort}/shops/{shop}`,
    wooBaseUrl: `http://127.0.0.1:${basePort + 1}`,
    tiktokBaseUrl: `http://127.0.0.1:${basePort + 2}`,
  };
}

export async function startAllFakes(basePort: number, tiktokRedirectUrl?: string) {
  const [shopify, woo, tiktok] = await Promise.all([
    startFakeShopify({ apiKey: process.env.SHOPIFY_API_KEY!, apiSecret: process.env.SHOPIFY_API_SECRET!, port: basePort }),
    startFakeWooCommerce({ port: basePort + 1 }),
    startFakeTikTokShop({ appKey: process.env.TIKTOK_APP_KEY!, appSecret: process.env.TIKTOK_APP_SECRET!, port: basePort + 2, redirectUrl: tiktokRedirectUrl }),
  ]);
  return { shopify, woo, tiktok, close: () => Promise.all([shopify.close(), woo.close(), tiktok.close()]).then(() => undefined) };
}

if (process.argv[1]?.endsWith('serve-fakes.ts')) {
  const basePort = Number(process.env.FAKES_PORT ?? 4600);
  const fakes = await startAllFakes(basePort, process.env.FAKE_TIKTOK_REDIRECT_URL);
  process.stdout.write(`platform fakes listening on ${basePort}-${basePort + 2}\n`);
  const stop = async () => {
    await fakes.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
