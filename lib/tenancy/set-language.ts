import { db, systemPool } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { locales } from '@/lib/i18n/routing';
import { prismaExecutor, recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import { withTenant } from '@/lib/db/tenant-scope';

function assertLocale(locale: string): void {
  if (!(locales as readonly string[]).includes(locale)) throw new AppError('unprocessable', `Unknown language ${locale}`);
}

/** A member's own language, applied when they next sign in. */
export async function setUserLanguage(userId: string, locale: string): Promise<void> {
  assertLocale(locale);
  await db().user.update({ where: { id: userId }, data: { locale } });
}

/** The merchant's language, for members without their own. Support may change it; it is audited. */
export async function setTenantLanguage(tenantId: string, actor: TAuditActor, locale: string): Promise<void> {
  return withTenant(tenantId, async () => {
    assertLocale(locale);
    await db().$transaction(async (tx) => {
      const before = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { locale: true } });
      await tx.tenant.update({ where: { id: tenantId }, data: { locale } });
      await recordAuditEvent(
        prismaExecutor(tx),
        { tenantId, actor, action: 'tenant.language_changed', subjectType: 'tenant', subjectId: tenantId, before: { locale: before.locale }, after: { locale } },
      );
    });
  });
}

/** Where a member lands after signing in: their language, else the merchant's, else the current one. */
export async function preferredLocaleOf(userId: string, fallback: string): Promise<string> {
  // The user's first tenant is found across tenants: the owner's connection.
  const { rows } = await systemPool().query<{ user_locale: string | null; tenant_locale: string | null }>(
    `SELECT u.locale AS user_locale,
            (SELECT t.locale FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.user_id = u.id ORDER BY m.created_at LIMIT 1) AS tenant_locale
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  const locale = rows[0]?.user_locale ?? rows[0]?.tenant_locale ?? fallback;
  return (locales as readonly string[]).includes(locale) ? locale : fallback;
}
