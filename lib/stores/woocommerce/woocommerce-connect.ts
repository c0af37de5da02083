import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appUrl } from '@/lib/auth/app-url';
import { AppError } from '@/lib/errors/app-error';
import { logger } from '@/lib/log';
import type { TMember } from '@/lib/auth/current-member';
import { checkWooAccess, createWooWebhooks } from '@/lib/platforms/woocommerce/woocommerce-api';
import { consumeConnectNonce, readConnectState, signConnectState } from '@/lib/stores/connect-state';
import { connectStore } from '@/lib/stores/connect-store';
import { enqueueBackfill } from '@/lib/queue/sync-queue';
import { StoreAuthorizationError } from '@/lib/platforms/platform-errors';

export const wooCallbackPath = '/api/stores/woocommerce/callback';

const ZSiteUrl = z
  .string()
  .trim()
  .transform((value) => (/^https?:\/\//i.test(value) ? value : `https://${value}`))
  .pipe(z.string().url())
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

/** "Add WooCommerce store": the authorize URL on the merchant's site (platforms.md B7). */
export function wooAuthorizeUrl(member: Pick<TMember, 'tenantId' | 'userId' | 'locale'>, rawSiteUrl: string, locale: string): string {
  const parsed = ZSiteUrl.safeParse(rawSiteUrl);
  if (!parsed.success) throw new AppError('unprocessable', 'Enter the address of the WooCommerce site');
  const siteUrl = parsed.data;
  // user_id is ours to choose and comes back in the callback: a signed, expiring state.
  const state = signConnectState({ tenantId: member.tenantId, userId: member.userId, platform: 'woocommerce', siteUrl, locale });
  const url = new URL(`${siteUrl}/wc-auth/v1/authorize`);
  url.searchParams.set('app_name', 'Order hub');
  url.searchParams.set('scope', 'read_write');
  url.searchParams.set('user_id', state);
  url.searchParams.set('return_url', `${appUrl()}/${locale}/stores?connected=woocommerce`);
  url.searchParams.set('callback_url', `${appUrl()}${wooCallbackPath}`);
  return url.toString();
}

const ZWooCallback = z.object({
  key_id: z.union([z.number(), z.string()]).optional(),
  user_id: z.string().min(1).max(4096),
  consumer_key: z.string().regex(/^ck_[A-Za-z0-9]+$/),
  consumer_secret: z.string().regex(/^cs_[A-Za-z0-9]+$/),
  key_permissions: z.string().optional(),
});

/**
 * The keys WooCommerce posts after the merchant approves. The post is unsigned and does not name
 * the site, so the state decides: a bad or expired state, or one already used, is refused. The
 * keys are tried before anything is stored. Answers must be exactly 200 for WooCommerce to keep them.
 */
export async function receiveWooKeys(payload: unknown): Promise<{ tenantId: string; storeId: string }> {
  const parsed = ZWooCallback.safeParse(payload);
  if (!parsed.success) throw new AppError('bad_request', 'Not a WooCommerce key delivery');
  const state = readConnectState(parsed.data.user_id, 'woocommerce');
  if (!state?.siteUrl) throw new AppError('unauthorized', 'Invalid or expired state');
  if (!(await consumeConnectNonce(state))) throw new AppError('unauthorized', 'This authorization was already used');

  const access = { siteUrl: state.siteUrl, consumerKey: parsed.data.consumer_key, consumerSecret: parsed.data.consumer_secret };
  try {
    await checkWooAccess(access);
  } catch (error) {
    if (error instanceof StoreAuthorizationError) throw new AppError('unauthorized', 'The keys do not work on that site');
    throw error;
  }
  const webhookSecret = randomBytes(24).toString('hex');
  const { storeId } = await connectStore(
    state.tenantId,
    {
      platform: 'woocommerce',
      name: new URL(state.siteUrl).host,
      siteUrl: state.siteUrl,
      credentials: { consumerKey: access.consumerKey, consumerSecret: access.consumerSecret, webhookSecret },
    },
    { type: 'user', id: state.userId },
  );
  await createWooWebhooks(access, storeId, webhookSecret);
  await enqueueBackfill({ tenantId: state.tenantId, storeId }).catch((error) =>
    logger.warn({ err: error, storeId }, 'backfill not queued now; the next reconciliation tick resumes it'),
  );
  return { tenantId: state.tenantId, storeId };
}
