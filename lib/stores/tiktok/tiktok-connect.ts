import { AppError } from '@/lib/errors/app-error';
import { logger } from '@/lib/log';
import type { TMember } from '@/lib/auth/current-member';
import { consumeConnectNonce, readConnectState, signConnectState } from '@/lib/stores/connect-state';
import { connectStore } from '@/lib/stores/connect-store';
import { enqueueBackfill } from '@/lib/queue/sync-queue';
import { StoreAuthorizationError } from '@/lib/platforms/platform-errors';
import { exchangeTikTokCode, fetchAuthorizedShops, subscribeTikTokOrderWebhook, tiktokAuthorizeUrl } from '@/lib/platforms/tiktok/tiktok-auth';

/** "Connect TikTok Shop": the seller authorization link, with our signed state. */
export function tiktokConnectUrl(member: Pick<TMember, 'tenantId' | 'userId'>, locale: string): string {
  return tiktokAuthorizeUrl(signConnectState({ tenantId: member.tenantId, userId: member.userId, platform: 'tiktok', locale }));
}

/**
 * TikTok sends the seller back with a code: exchange it for tokens, list the shops the seller
 * authorized (one token may cover several), keep each as a store with its cipher, subscribe its
 * order webhook and start its backfill.
 */
export async function completeTikTokConnect(code: string | null, stateToken: string | null, signedInUserId: string | null): Promise<{ tenantId: string; storeIds: string[]; locale?: string }> {
  const state = readConnectState(stateToken, 'tiktok');
  if (!state) throw new AppError('unauthorized', 'Invalid or expired state');
  // Only the member who started the connection may finish it: a link that carries someone
  // else's state must not connect the seller's shops to that other account.
  if (signedInUserId !== state.userId) throw new AppError('unauthorized', 'Sign in as the member who started this connection');
  if (!code) throw new AppError('bad_request', 'TikTok Shop sent no authorization code');
  if (!(await consumeConnectNonce(state))) throw new AppError('unauthorized', 'This authorization was already used');
  let tokens;
  try {
    tokens = await exchangeTikTokCode(code);
  } catch (error) {
    if (error instanceof StoreAuthorizationError) throw new AppError('unauthorized', 'TikTok Shop refused the authorization code');
    throw error;
  }
  const shops = await fetchAuthorizedShops(tokens.accessToken);
  if (!shops.length) throw new AppError('unprocessable', 'The authorization covers no shop');
  const storeIds: string[] = [];
  for (const shop of shops) {
    const { storeId } = await connectStore(
      state.tenantId,
      { platform: 'tiktok', name: shop.name || `TikTok Shop ${shop.id}`, shopId: shop.id, shopCipher: shop.cipher, credentials: tokens },
      { type: 'user', id: state.userId },
    );
    await subscribeTikTokOrderWebhook({ shopCipher: shop.cipher, accessToken: tokens.accessToken });
    await enqueueBackfill({ tenantId: state.tenantId, storeId }).catch((error) =>
      logger.warn({ err: error, storeId }, 'backfill not queued now; the next reconciliation tick resumes it'),
    );
    storeIds.push(storeId);
  }
  return { tenantId: state.tenantId, storeIds, locale: state.locale };
}
