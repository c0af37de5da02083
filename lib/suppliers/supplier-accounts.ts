import { db } from '@/lib/db/client';
import { withWaitingAdvisoryLock } from '@/lib/db/advisory-lock';
import { AppError } from '@/lib/errors/app-error';
import { createId } from '@/lib/ids';
import { prismaExecutor, recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import type { TMember } from '@/lib/auth/current-member';
import { consumeConnectNonce, readConnectState, signConnectState } from '@/lib/stores/connect-state';
import { openStoreCredentials, sealStoreCredentials } from '@/lib/stores/store-credentials';
import { aliexpressAuthorizeUrl, createAliExpressToken, refreshAliExpressToken } from '@/lib/suppliers/aliexpress/aliexpress-auth';
import { SupplierAuthorizationError } from '@/lib/suppliers/aliexpress/aliexpress-api';
import { withTenant } from '@/lib/db/tenant-scope';

// The tenant's linked AliExpress account. Linking another one switches: the new account becomes
// active, the old one stays, switched out and read-only, with the supplier orders placed through it.

export function supplierLinkUrl(member: Pick<TMember, 'tenantId' | 'userId'>, locale: string): string {
  return aliexpressAuthorizeUrl(signConnectState({ tenantId: member.tenantId, userId: member.userId, platform: 'aliexpress', locale }));
}

export async function completeSupplierLink(code: string | null, stateToken: string | null, signedInUserId: string | null): Promise<{ tenantId: string; accountId: string; locale?: string }> {
  const state = readConnectState(stateToken, 'aliexpress');
  if (!state) throw new AppError('unauthorized', 'Invalid or expired state');
  // Only the member who started the link may finish it: a link that carries someone else's
  // state must not put the buyer's AliExpress account into that other account.
  if (signedInUserId !== state.userId) throw new AppError('unauthorized', 'Sign in as the member who started this link');
  if (!code) throw new AppError('bad_request', 'AliExpress sent no authorization code');
  if (!(await consumeConnectNonce(state))) throw new AppError('unauthorized', 'This authorization was already used');
  let tokens;
  try {
    tokens = await createAliExpressToken(code);
  } catch (error) {
    if (error instanceof SupplierAuthorizationError) throw new AppError('unauthorized', 'AliExpress refused the authorization code');
    throw error;
  }
  const actor: TAuditActor = { type: 'user', id: state.userId };
  const credentials = sealStoreCredentials({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
  });
  const accountId = await withTenant(state.tenantId, () => db().$transaction(async (tx) => {
    const current = await tx.supplierAccount.findFirst({ where: { tenantId: state.tenantId, status: 'active' } });
    if (current && current.externalUserId === tokens.userId) {
      await tx.supplierAccount.update({ where: { tenantId_id: { tenantId: state.tenantId, id: current.id } }, data: { credentials, accountName: tokens.account } });
      await recordAuditEvent(prismaExecutor(tx), { tenantId: state.tenantId, actor, action: 'supplier_account.relinked', subjectType: 'supplier_account', subjectId: current.id });
      return current.id;
    }
    // A switched-out account linked again comes back as a new link, with its history kept apart.
    if (current) {
      await tx.supplierAccount.update({ where: { tenantId_id: { tenantId: state.tenantId, id: current.id } }, data: { status: 'switched_out', switchedOutAt: new Date() } });
    }
    const id = createId('sup');
    await tx.supplierAccount.create({
      data: { tenantId: state.tenantId, id, externalUserId: tokens.userId, accountName: tokens.account, credentials, status: 'active', linkedBy: state.userId },
    });
    await recordAuditEvent(prismaExecutor(tx), {
      tenantId: state.tenantId,
      actor,
      action: current ? 'supplier_account.switched' : 'supplier_account.linked',
      subjectType: 'supplier_account',
      subjectId: id,
      before: current ? { accountId: current.id, account: current.accountName } : undefined,
      after: { accountId: id, account: tokens.account },
    });
    return id;
  }));
  return { tenantId: state.tenantId, accountId, locale: state.locale };
}

export type TActiveSupplierAccount = { id: string; accessToken: string };

const refreshAheadMs = 3600 * 1000;

function expiresSoon(expiresAt: string | undefined): boolean {
  return Boolean(expiresAt) && new Date(expiresAt as string).getTime() - Date.now() < refreshAheadMs;
}

/**
 * The tenant's active account with a token good for the next hour. A token about to expire is
 * refreshed under a lock and re-read inside it: AliExpress retires the old refresh token, so two
 * workers refreshing at once would leave one of them with a dead token.
 */
export async function loadActiveSupplierAccount(tenantId: string): Promise<TActiveSupplierAccount | null> {
  const account = await db().supplierAccount.findFirst({ where: { tenantId, status: 'active' }, select: { id: true, credentials: true } });
  if (!account) return null;
  let credentials = openStoreCredentials(account.credentials);
  if (credentials.refreshToken && expiresSoon(credentials.accessTokenExpiresAt)) {
    credentials = await withWaitingAdvisoryLock(supplierTokenLock(tenantId, account.id), async () => {
      const current = await db().supplierAccount.findFirst({ where: { tenantId, id: account.id }, select: { credentials: true } });
      const latest = openStoreCredentials(current?.credentials ?? account.credentials);
      if (!latest.refreshToken || !expiresSoon(latest.accessTokenExpiresAt)) return latest;
      const tokens = await refreshAliExpressToken(latest.refreshToken);
      const refreshed = { ...latest, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessTokenExpiresAt: tokens.accessTokenExpiresAt, refreshTokenExpiresAt: tokens.refreshTokenExpiresAt };
      await db().supplierAccount.update({ where: { tenantId_id: { tenantId, id: account.id } }, data: { credentials: sealStoreCredentials(refreshed) } });
      return refreshed;
    });
  }
  return credentials.accessToken ? { id: account.id, accessToken: credentials.accessToken } : null;
}

const supplierTokenLock = (tenantId: string, accountId: string) => `supplier-token:${tenantId}:${accountId}`;

/**
 * AliExpress refused `refusedToken`: the account needs reconnecting, unless a refresh has replaced
 * that token meanwhile (a refresh in progress is waited for). False when it was replaced: the
 * caller tries again with the new one.
 */
export async function markSupplierAccountNeedsReconnection(tenantId: string, accountId: string, reason: string, refusedToken: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${supplierTokenLock(tenantId, accountId)}, 7))`;
    const account = await tx.supplierAccount.findFirst({ where: { tenantId, id: accountId }, select: { credentials: true } });
    if (openStoreCredentials(account?.credentials ?? null).accessToken !== refusedToken) return false;
    const updated = await tx.supplierAccount.updateMany({ where: { tenantId, id: accountId, status: 'active' }, data: { status: 'needs_reconnection' } });
    if (updated.count) {
      await recordAuditEvent(prismaExecutor(tx), { tenantId, actor: { type: 'system', id: null }, action: 'supplier_account.needs_reconnection', subjectType: 'supplier_account', subjectId: accountId, after: { reason: reason.slice(0, 300) } });
    }
    return true;
  });
}

export async function listSupplierAccounts(tenantId: string) {
  return db().supplierAccount.findMany({
    where: { tenantId },
    orderBy: { linkedAt: 'desc' },
    select: { id: true, accountName: true, externalUserId: true, status: true, linkedAt: true, switchedOutAt: true },
  });
}
