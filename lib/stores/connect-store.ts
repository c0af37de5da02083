import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { createId } from '@/lib/ids';
import { isUniqueViolation } from '@/lib/api/error-response';
import { prismaExecutor, recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import type { TPlatform } from '@/lib/orders/canonical-order';
import { routeKeyOf } from '@/lib/stores/route-key';
import { openStoreCredentials, sealStoreCredentials, type TStoreCredentials } from '@/lib/stores/store-credentials';
import type { StoreAuthorizationError } from '@/lib/platforms/platform-errors';
import { withTenant } from '@/lib/db/tenant-scope';
import { tiktokTokenLock } from '@/lib/sync/sync-store-access';

export type TConnection = {
  platform: TPlatform;
  name: string;
  shopDomain?: string | null;
  siteUrl?: string | null;
  shopId?: string | null;
  shopCipher?: string | null;
  credentials: TStoreCredentials;
};

/**
 * Stores a connection made through a platform's authorization: a new store, or the same shop
 * connected again (fresh credentials, active again). A shop connected to another account is a
 * conflict: one shop belongs to one account.
 */
export async function connectStore(tenantId: string, connection: TConnection, actor: TAuditActor): Promise<{ storeId: string; isNew: boolean }> {
  return withTenant(tenantId, () => connectOrReconnect(tenantId, connection, actor));
}

async function connectOrReconnect(tenantId: string, connection: TConnection, actor: TAuditActor): Promise<{ storeId: string; isNew: boolean }> {
  const existing = await db().store.findFirst({
    where: {
      tenantId,
      platform: connection.platform,
      ...(connection.platform === 'shopify' ? { shopDomain: connection.shopDomain } : connection.platform === 'tiktok' ? { shopId: connection.shopId } : { siteUrl: connection.siteUrl }),
    },
    select: { id: true },
  });
  if (existing) {
    const credentials = sealStoreCredentials(connection.credentials);
    await db().$transaction(async (tx) => {
      await tx.store.update({
        where: { tenantId_id: { tenantId, id: existing.id } },
        data: { status: 'active', credentials, shopCipher: connection.shopCipher ?? undefined, name: connection.name },
      });
      await recordAuditEvent(prismaExecutor(tx), { tenantId, actor, action: 'store.reconnected', subjectType: 'store', subjectId: existing.id });
    });
    return { storeId: existing.id, isNew: false };
  }
  return { storeId: await insertStore(tenantId, connection, actor), isNew: true };
}

/** Inserts a store with its webhook route and sync state; a shop routed elsewhere is a conflict. */
export async function insertStore(tenantId: string, connection: TConnection, actor: TAuditActor, action = 'store.connected'): Promise<string> {
  return withTenant(tenantId, () => insertStoreRows(tenantId, connection, actor, action));
}

async function insertStoreRows(tenantId: string, connection: TConnection, actor: TAuditActor, action: string): Promise<string> {
  const storeId = createId('sto');
  const store = {
    tenantId,
    id: storeId,
    platform: connection.platform,
    name: connection.name,
    shopDomain: connection.shopDomain ?? null,
    siteUrl: connection.siteUrl ?? null,
    shopId: connection.shopId ?? null,
    shopCipher: connection.shopCipher ?? null,
    credentials: sealStoreCredentials(connection.credentials),
  };
  const tenant = await db().tenant.findFirst({ where: { id: tenantId }, select: { id: true } });
  if (!tenant) throw new AppError('not_found', `No tenant ${tenantId}`);
  try {
    await db().$transaction(async (tx) => {
      await tx.store.create({ data: store });
      await tx.storeRoute.create({ data: { platform: connection.platform, routeKey: routeKeyOf(connection.platform, store), tenantId, storeId } });
      await tx.storeSync.create({ data: { tenantId, storeId } });
      await recordAuditEvent(prismaExecutor(tx), {
        tenantId,
        actor,
        action,
        subjectType: 'store',
        subjectId: storeId,
        after: { platform: store.platform, name: store.name },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'This shop is already connected to an account');
    throw error;
  }
  return storeId;
}

/** app/uninstalled and the like: the store stays with its orders, its tokens go. */
export async function disconnectStore(tenantId: string, storeId: string, actor: TAuditActor): Promise<void> {
  await db().$transaction(async (tx) => {
    const updated = await tx.store.updateMany({ where: { tenantId, id: storeId }, data: { status: 'disconnected', credentials: null } });
    if (updated.count) await recordAuditEvent(prismaExecutor(tx), { tenantId, actor, action: 'store.disconnected', subjectType: 'store', subjectId: storeId });
  });
}

/**
 * The platform refused the store's credentials: the merchant sees "needs reconnection". Unless
 * the refused token is no longer the store's: another worker refreshed it meanwhile (TikTok
 * retires the old one), and the store is fine. Returns whether the store was marked.
 */
export async function markStoreNeedsReconnection(tenantId: string, storeId: string, error: Pick<StoreAuthorizationError, 'message' | 'refusedCredential'>): Promise<boolean> {
  const reason = error.message;
  return db().$transaction(async (tx) => {
    if (error.refusedCredential) {
      // A refresh in progress has already retired the refused token at the platform but not yet
      // saved its successor: wait for it, then compare with what it saved.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${tiktokTokenLock(tenantId)}, 7))`;
      const store = await tx.store.findFirst({ where: { tenantId, id: storeId }, select: { credentials: true } });
      const current = openStoreCredentials(store?.credentials ?? null);
      if (current.accessToken !== error.refusedCredential && current.consumerKey !== error.refusedCredential && current.refreshToken !== error.refusedCredential) return false;
    }
    const updated = await tx.store.updateMany({ where: { tenantId, id: storeId, status: 'active' }, data: { status: 'needs_reconnection' } });
    if (updated.count) {
      await recordAuditEvent(prismaExecutor(tx), {
        tenantId,
        actor: { type: 'system', id: null },
        action: 'store.needs_reconnection',
        subjectType: 'store',
        subjectId: storeId,
        after: { reason: reason.slice(0, 500) },
      });
    }
    return true;
  });
}
