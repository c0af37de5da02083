// The demo sandbox: local stand-ins for the Shopify, WooCommerce, TikTok Shop and AliExpress APIs
// (the same fakes the tests use), so the seeded demo works, stores can be "connected" and orders
// sent to the supplier without real credentials (DEMO_SANDBOX=1 in .env). Ports DEMO_SANDBOX_PORT,
// +1, +2, +3. Sandbox AliExpress orders move one step each time the hub polls them.
import { postAdmin } from '@/tests/fakes/tiktok-shop';
import { startAllFakes } from '@/tests/fakes/serve-fakes';
import { sandboxProductIds } from '@/scripts/demo/demo-orders';

const port = Number(process.env.DEMO_SANDBOX_PORT ?? 4010);
const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const fakes = await startAllFakes(port, `${appUrl}/api/stores/tiktok/callback`, { sandbox: true });
// A TikTok seller whose authorization grants one sandbox shop.
await postAdmin(`${fakes.tiktok.url}/__admin/sellers`, { code: 'sandbox-seller', shops: [{ shopId: '7495100000000000099', cipher: 'ROW_sandbox99', name: 'Sandbox TikTok Shop' }] });
// An AliExpress buyer account to link, and the catalog the demo's SKUs are mapped to.
await postAdmin(`${fakes.aliexpress.url}/__admin/accounts`, { code: 'sandbox-buyer', userId: 'ae-sandbox-buyer', account: 'sandbox-buyer' });
await postAdmin(`${fakes.aliexpress.url}/__admin/products`, { products: sandboxProductIds.map((productId) => ({ productId })) });
process.stdout.write(
  `[order-hub] Demo sandbox: Shopify ${fakes.shopify.url}, WooCommerce ${fakes.woo.siteUrl('demo')}, TikTok Shop ${fakes.tiktok.url}\n`,
);

const stop = async () => {
  await fakes.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
