// Runs the Shopify, WooCommerce, TikTok Shop and AliExpress fakes as one process on fixed ports:
// FAKES_PORT, +1, +2 and +3. `npm test` points the app at them; the demo sandbox of `npm start` uses them too.
import { startFakeShopify } from '@/tests/fakes/shopify';
import { startFakeWooCommerce } from '@/tests/fakes/woocommerce';
import { startFakeTikTokShop } from '@/tests/fakes/tiktok-shop';
import { startFakeAliExpress } from '@/tests/fakes/aliexpress';

export function fakeUrls(basePort: number) {
  return {
    shopifyShopUrlTemplate: `http://127.0.0.1:${basePort}/shops/{shop}`,
    wooBaseUrl: `http://127.0.0.1:${basePort + 1}`,
    tiktokBaseUrl: `http://127.0.0.1:${basePort + 2}`,
    aliexpressBaseUrl: `http://127.0.0.1:${basePort + 3}`,
  };
}

export async function startAllFakes(basePort: number, tiktokRedirectUrl?: string, options: { sandbox?: boolean } = {}) {
  const [shopify, woo, tiktok, aliexpress] = await Promise.all([
    startFakeShopify({ apiKey: process.env.SHOPIFY_API_KEY!, apiSecret: process.env.SHOPIFY_API_SECRET!, port: basePort }),
    startFakeWooCommerce({ port: basePort + 1 }),
    startFakeTikTokShop({ appKey: process.env.TIKTOK_APP_KEY!, appSecret: process.env.TIKTOK_APP_SECRET!, port: basePort + 2, redirectUrl: tiktokRedirectUrl }),
    startFakeAliExpress({ appKey: process.env.ALIEXPRESS_APP_KEY ?? 'order-hub-demo', appSecret: process.env.ALIEXPRESS_APP_SECRET ?? 'order-hub-demo-secret', port: basePort + 3, advanceOnRead: options.sandbox }),
  ]);
  return {
    shopify,
    woo,
    tiktok,
    aliexpress,
    close: () => Promise.all([shopify.close(), woo.close(), tiktok.close(), aliexpress.close()]).then(() => undefined),
  };
}

if (process.argv[1]?.endsWith('serve-fakes.ts')) {
  const basePort = Number(process.env.FAKES_PORT ?? 4600);
  const fakes = await startAllFakes(basePort, process.env.FAKE_TIKTOK_REDIRECT_URL);
  process.stdout.write(`platform fakes listening on ${basePort}-${basePort + 3}\n`);
  const stop = async () => {
    await fakes.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
