// Seeds the demo account through the real pipeline: every demo order is a signed webhook sent to
// the running web app, so the demo shows exactly what a merchant's stores would produce.
// Running it again is harmless: the deliveries are deterministic and the inbox dedups them.
import { db, disconnectDatabase } from '@/lib/db/client';
import { createTenant } from '@/lib/tenancy/create-tenant';
import { createApiKey } from '@/lib/auth/api-keys';
import { addStore } from '@/lib/stores/add-store';
import { openStoreCredentials } from '@/lib/stores/store-credentials';
import { buildDemoDeliveries, demoStores, sandboxMappings } from '@/scripts/demo/demo-orders';
import { saveProductMapping } from '@/lib/suppliers/product-mappings';
import { seedFakeTikTokShop } from '@/tests/fakes/tiktok-shop';

const demoLogin = { email: 'demo@orderhub.test', password: 'demo-orderhub-2026' };
const seedActor = { type: 'system' as const, id: 'demo-seed' };

async function findOrCreateTenant(): Promise<{ tenantId: string; createdAt: Date }> {
  const user = await db().user.findUnique({
    where: { email: demoLogin.email },
    select: { memberships: { select: { tenant: { select: { id: true, createdAt: true } } } } },
  });
  const tenant = user?.memberships[0]?.tenant;
  if (tenant) return { tenantId: tenant.id, createdAt: tenant.createdAt };
  const { tenantId } = await createTenant({ name: 'Demo Merchant', email: demoLogin.email, password: demoLogin.password, userName: 'Demo Owner' });
  const created = await db().tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { createdAt: true } });
  return { tenantId, createdAt: created.createdAt };
}

async function findOrAddStore(tenantId: string, platform: 'shopify' | 'woocommerce' | 'tiktok') {
  const definition = demoStores[platform];
  const existing = await db().store.findFirst({
    where: { tenantId, platform, OR: [{ shopDomain: definition.shopDomain ?? undefined }, { siteUrl: definition.siteUrl ?? undefined }, { shopId: definition.shopId ?? undefined }] },
  });
  if (existing) return existing;
  const { storeId } = await addStore(tenantId, definition.input, seedActor);
  return db().store.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: storeId } } });
}

async function sendAll(deliveries: Array<{ url: string; headers: Record<string, string>; body: string }>): Promise<{ sent: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const workers = Array.from({ length: 8 }, async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++]!;
      const response = await fetch(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body });
      if (response.status !== 200) {
        failed++;
        process.stderr.write(`[order-hub] demo webhook answered ${response.status}: ${await response.text()}\n`);
      }
    }
  });
  await Promise.all(workers);
  return { sent: deliveries.length, failed };
}

async function waitForIngest(tenantId: string, timeoutMs = 120_000): Promise<{ pending: number; failed: number; orders: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [pending, failed, orders] = await Promise.all([
      db().webhookEvent.count({ where: { tenantId, status: { in: ['RECEIVED', 'QUEUED'] } } }),
      db().webhookEvent.count({ where: { tenantId, status: 'FAILED' } }),
      db().order.count({ where: { tenantId } }),
    ]);
    if (pending === 0 || Date.now() > deadline) return { pending, failed, orders };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main() {
  const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const { tenantId, createdAt } = await findOrCreateTenant();
  const shopify = await findOrAddStore(tenantId, 'shopify');
  const woocommerce = await findOrAddStore(tenantId, 'woocommerce');
  const tiktok = await findOrAddStore(tenantId, 'tiktok');

  const plan = buildDemoDeliveries({
    appUrl,
    anchor: createdAt,
    shopify: { shopDomain: shopify.shopDomain!, secret: process.env.SHOPIFY_API_SECRET! },
    woocommerce: { storeId: woocommerce.id, siteUrl: woocommerce.siteUrl!, secret: openStoreCredentials(woocommerce.credentials).webhookSecret! },
    tiktok: { shopId: tiktok.shopId!, appKey: process.env.TIKTOK_APP_KEY!, appSecret: process.env.TIKTOK_APP_SECRET! },
  });

  if (process.env.DEMO_SANDBOX !== '0' && process.env.TIKTOK_API_BASE) {
    const access = openStoreCredentials(tiktok.credentials);
    await seedFakeTikTokShop(process.env.TIKTOK_API_BASE, { shop: { shopId: tiktok.shopId!, cipher: tiktok.shopCipher!, accessToken: access.accessToken! } });
    for (const order of plan.tiktokOrders) await seedFakeTikTokShop(process.env.TIKTOK_API_BASE, { order: { cipher: tiktok.shopCipher!, order } });
    // The sandbox forgets everything when it stops; a reconciliation that ran before this seed may
    // have found the shop unknown and asked for reconnection. The shop is back: so is the store.
    await db().store.update({ where: { tenantId_id: { tenantId, id: tiktok.id } }, data: { status: 'active' } });
    for (const mapping of sandboxMappings) await saveProductMapping(tenantId, { type: 'system', id: 'demo-seed' }, mapping);
  }

  const result = await sendAll(plan.deliveries);
  const ingest = await waitForIngest(tenantId);

  await db().apiKey.updateMany({ where: { tenantId, name: 'Demo (npm start)', revokedAt: null }, data: { revokedAt: new Date() } });
  const { apiKey } = await createApiKey(tenantId, 'Demo (npm start)');

  const lines = [
    '',
    `  Demo account ready: ${ingest.orders} orders (${result.sent} webhooks sent, ${ingest.failed} failed events, ${ingest.pending} still pending)`,
    `  Sign in:   ${appUrl}   ${demoLogin.email} / ${demoLogin.password}`,
    `  API key:   ${apiKey}`,
    `  Try:       curl -H "Authorization: Bearer ${apiKey}" "${appUrl}/api/v1/orders?q=1001"`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main()
  .then(async () => {
    await disconnectDatabase();
    process.exit(0);
  })
  .catch(async (error) => {
    process.stderr.write(`[order-hub] demo seed failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await disconnectDatabase().catch(() => undefined);
    process.exit(1);
  });
