import { describe, expect, it } from 'vitest';
import { db, pool } from '@/lib/db/client';
import { can } from '@/lib/auth/current-member';
import { setTenantLanguage, setUserLanguage, preferredLocaleOf } from '@/lib/tenancy/set-language';
import { recordPayloadView } from '@/lib/orders/record-payload-view';
import { createTestTenant } from '@/tests/support/tenants';

describe('roles and language', () => {
  it('gives each role its rights', () => {
    expect(can({ role: 'owner' }, 'members.manage')).toBe(true);
    expect(can({ role: 'staff' }, 'members.manage')).toBe(false);
    expect(can({ role: 'staff' }, 'payloads.read')).toBe(false);
    expect(can({ role: 'support' }, 'language.manage')).toBe(true);
    expect(can({ role: 'support' }, 'supplier.manage')).toBe(true);
    expect(can({ role: 'support' }, 'events.manage')).toBe(false);
  });

  it('audits a language change by support with the actor, and uses it at sign-in', async () => {
    const tenant = await createTestTenant();
    await setTenantLanguage(tenant.tenantId, { type: 'user', id: 'usr_support_agent' }, 'de');
    const { rows } = await pool().query(`SELECT actor_id, before, after FROM audit_events WHERE tenant_id = $1 AND action = 'tenant.language_changed'`, [tenant.tenantId]);
    expect(rows).toEqual([{ actor_id: 'usr_support_agent', before: { locale: null }, after: { locale: 'de' } }]);
    expect(await preferredLocaleOf(tenant.userId, 'en')).toBe('de');
    await setUserLanguage(tenant.userId, 'ar');
    expect(await preferredLocaleOf(tenant.userId, 'en')).toBe('ar');
    await expect(setUserLanguage(tenant.userId, 'klingon')).rejects.toThrow(/Unknown language/);
    expect((await db().user.findUnique({ where: { id: tenant.userId } }))?.locale).toBe('ar');
  });

  it('audits raw payload views by support only', async () => {
    const tenant = await createTestTenant();
    await recordPayloadView(tenant.tenantId, { type: 'user', id: 'usr_owner' }, 'owner', 'ord_1');
    await recordPayloadView(tenant.tenantId, { type: 'user', id: 'usr_support' }, 'support', 'ord_1');
    const { rows } = await pool().query(`SELECT actor_id FROM audit_events WHERE tenant_id = $1 AND action = 'order.payloads_viewed'`, [tenant.tenantId]);
    expect(rows).toEqual([{ actor_id: 'usr_support' }]);
  });
});
