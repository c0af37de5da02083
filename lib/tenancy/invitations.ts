import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashPassword } from 'better-auth/crypto';
import { db, systemPool } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant-scope';
import { AppError, notFound } from '@/lib/errors/app-error';
import { createId } from '@/lib/ids';
import { prismaExecutor, recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';

// Owners invite staff and support. There is no mail server: the link is shown to the owner, who
// passes it on. The link carries a random token; only its SHA-256 is stored.

const invitationLifetimeMs = 7 * 24 * 3600 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const ZCreateInvitation = z.object({
  role: z.enum(['staff', 'support']),
  storeIds: z.array(z.string()).default([]),
});

export async function createInvitation(tenantId: string, actor: TAuditActor & { id: string }, input: z.input<typeof ZCreateInvitation>) {
  return withTenant(tenantId, async () => {
    const { role, storeIds } = ZCreateInvitation.parse(input);
    if (role === 'staff' && storeIds.length === 0) throw new AppError('unprocessable', 'Choose at least one store for a staff member');
    const stores = await db().store.findMany({ where: { tenantId, id: { in: storeIds } }, select: { id: true } });
    if (stores.length !== new Set(storeIds).size) throw notFound('Store not found');
    const token = randomBytes(24).toString('base64url');
    const id = createId('inv');
    const expiresAt = new Date(Date.now() + invitationLifetimeMs);
    await db().$transaction(async (tx) => {
      await tx.invitation.create({
        data: { tenantId, id, role, storeIds: role === 'staff' ? storeIds : [], tokenHash: hashToken(token), invitedBy: actor.id, expiresAt },
      });
      await recordAuditEvent(prismaExecutor(tx), { tenantId, actor, action: 'invitation.created', subjectType: 'invitation', subjectId: id, after: { role, storeIds } });
    });
    return { id, token, expiresAt };
  });
}

export type TInvitationView = { tenantName: string; role: 'owner' | 'staff' | 'support'; state: 'open' | 'expired' | 'used' | 'revoked' };

/** What an invitation link offers, found by its token across tenants (the token is the key). */
export async function unsafeFindInvitation(token: string): Promise<TInvitationView | null> {
  const { rows } = await systemPool().query<{ role: TInvitationView['role']; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null; tenant_name: string }>(
    `SELECT i.role, i.expires_at, i.accepted_at, i.revoked_at, t.name AS tenant_name
       FROM invitations i JOIN tenants t ON t.id = i.tenant_id WHERE i.token_hash = $1 LIMIT 1`,
    [hashToken(token)],
  );
  const invitation = rows[0];
  if (!invitation) return null;
  const state = invitation.revoked_at ? 'revoked' : invitation.accepted_at ? 'used' : invitation.expires_at < new Date() ? 'expired' : 'open';
  return { tenantName: invitation.tenant_name, role: invitation.role, state };
}

export const ZAcceptInvitation = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(8).max(128),
});

/** Creates the invited member's account and membership; the invitation can be used once. */
export async function acceptInvitation(token: string, input: z.input<typeof ZAcceptInvitation>): Promise<{ tenantId: string; userId: string }> {
  const account = ZAcceptInvitation.parse(input);
  const passwordHash = await hashPassword(account.password);
  // The token names the tenant (found across tenants); the rest happens inside it.
  const { rows } = await systemPool().query<{ tenant_id: string }>(`SELECT tenant_id FROM invitations WHERE token_hash = $1 LIMIT 1`, [hashToken(token)]);
  if (!rows[0]) throw new AppError('not_found', 'This invitation is no longer valid');
  return withTenant(rows[0].tenant_id, () => db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { tokenHash: hashToken(token) } });
    if (!invitation || invitation.revokedAt || invitation.acceptedAt || invitation.expiresAt < new Date()) {
      throw new AppError('not_found', 'This invitation is no longer valid');
    }
    if (await tx.user.findUnique({ where: { email: account.email }, select: { id: true } })) {
      throw new AppError('conflict', 'An account with this email already exists');
    }
    const userId = createId('usr');
    await tx.user.create({ data: { id: userId, name: account.name, email: account.email, emailVerified: true } });
    await tx.account.create({ data: { id: createId('acc'), accountId: userId, providerId: 'credential', userId, password: passwordHash } });
    await tx.membership.create({ data: { tenantId: invitation.tenantId, userId, role: invitation.role } });
    if (invitation.storeIds.length) {
      await tx.membershipStore.createMany({ data: invitation.storeIds.map((storeId) => ({ tenantId: invitation.tenantId, userId, storeId })) });
    }
    const used = await tx.invitation.updateMany({
      where: { tenantId: invitation.tenantId, id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date(), acceptedBy: userId },
    });
    if (used.count !== 1) throw new AppError('conflict', 'This invitation was just used');
    await recordAuditEvent(prismaExecutor(tx), {
      tenantId: invitation.tenantId,
      actor: { type: 'user', id: userId },
      action: 'invitation.accepted',
      subjectType: 'invitation',
      subjectId: invitation.id,
      after: { role: invitation.role, storeIds: invitation.storeIds },
    });
    return { tenantId: invitation.tenantId, userId };
  }));
}

export async function revokeInvitation(tenantId: string, actor: TAuditActor, invitationId: string): Promise<void> {
  return withTenant(tenantId, async () => {
    const revoked = await db().invitation.updateMany({ where: { tenantId, id: invitationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count !== 1) throw notFound('Invitation not found');
    await recordAuditEvent(prismaExecutor(db()), { tenantId, actor, action: 'invitation.revoked', subjectType: 'invitation', subjectId: invitationId });
  });
}

export async function listOpenInvitations(tenantId: string) {
  return db().invitation.findMany({
    where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, role: true, storeIds: true, expiresAt: true, createdAt: true },
  });
}

export async function listMembers(tenantId: string) {
  const members = await db().membership.findMany({
    where: { tenantId },
    orderBy: { createdAt: 'asc' },
    select: { role: true, user: { select: { id: true, name: true, email: true } }, stores: { select: { storeId: true } } },
  });
  return members.map((member) => ({ ...member.user, role: member.role, storeIds: member.stores.map((store) => store.storeId) }));
}
