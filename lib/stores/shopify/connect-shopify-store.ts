import { logger } from '@/lib/log';
import type { TAuditActor } from '@/lib/audit/record-audit-event';
import { connectStore } from '@/lib/stores/connect-store';
import { registerShopifyWebhooks } from '@/lib/platforms/shopify/register-shopify-webhooks';
import { enqueueBackfill } from '@/lib/queue/sync-queue';

/** After OAuth or token exchange: store the offline token (sealed), subscribe webhooks, start the backfill. */
export async function connectShopifyStore(tenantId: string, input: { shop: string; accessToken: string; scope?: string }, actor: TAuditActor) {
  const { storeId, isNew } = await connectStore(
    tenantId,
    {
      platform: 'shopify',
      name: input.shop.replace(/\.myshopify\.com$/, ''),
      shopDomain: input.shop,
      credentials: { accessToken: input.accessToken, scope: input.scope },
    },
    actor,
  );
  await registerShopifyWebhooks({ shop: input.shop, accessToken: input.accessToken });
  await enqueueBackfill({ tenantId, storeId }).catch((error) =>
    logger.warn({ err: error, storeId }, 'backfill not queued now; the next reconciliation tick resumes it'),
  );
  return { storeId, isNew };
}
