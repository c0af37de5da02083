import { describe, expect, it } from 'vitest';
import { db, pool } from '@/lib/db/client';
import { acceptInvitation, createInvitation } from '@/lib/tenancy/invitations';
import { fakeAliExpress } from '@/tests/support/fakes';
import { linkAliExpress } from '@/tests/support/supplier';
import { sessionCookieOf } from '@/tests/support/session';
import { appUrl } from '@/lib/auth/app-url';
import { GET as connectRoute } from '@/app/api/suppliers/aliexpress/connect/route';
import { GET as callbackRoute } from '@/app/api/suppliers/aliexpress/callback/route';
import { addShopifyStore, createTestTenant, uniqueSuffix } from '@/tests/support/tenants';

const asMember = (url: string, cookie: string) => new Request(url, { headers: { cookie } });

/** A member who joined through an invitation and signed in: their session cookie. */
async function invitedMember(tenant: { tenantId: string; userId: string }, role: 'staff' | 'support', storeIds?: string[]) {
  const { token } = await createInvitation(tenant.tenantId, { type: 'user', id: tenant.userId }, { role, storeIds });
  const email = `${role}-${uniqueSuffix()}@example.test`;
  const password = `pw-${uniqueSuffix()}-secret`;
  const { userId } = await acceptInvitation(token, { name: `A ${role} member`, email, password });
  return { userId, cookie: await sessionCookieOf({ email, password }) };
}

describe('switching the AliExpress account for the merchant', () => {
  it('lets support staff switch it through the same link, audited with their name, and refuses staff', async () => {
    const tenant = await createTestTenant();
    const first = await linkAliExpress(tenant);
    const support = await invitedMember(tenant, 'support');
    const aeUserId = `ae-${uniqueSuffix()}`;
    await fakeAliExpress.addAccount({ code: `code-${uniqueSuffix()}`, userId: aeUserId, account: `buyer-${aeUserId}` });

    // The Supplier page's button, AliExpress's authorize page, and back to the hub's callback.
    const connect = `${appUrl()}/api/suppliers/aliexpress/connect?locale=en`;
    const started = await connectRoute(asMember(connect, support.cookie));
    expect(started.status).toBe(303);
    const authorized = await fetch(started.headers.get('location')!, { redirect: 'manual' });
    const callback = authorized.headers.get('location')!;
    expect(new URL(callback).pathname).toBe('/api/suppliers/aliexpress/callback');
    const landing = await callbackRoute(asMember(callback, support.cookie));
    expect(landing.headers.get('location')).toBe('/en/supplier?linked=aliexpress');

    const accounts = await db().supplierAccount.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { linkedAt: 'asc' } });
    expect(accounts.map((account) => [account.externalUserId, account.status])).toEqual([
      [first.aeUserId, 'switched_out'],
      [aeUserId, 'active'],
    ]);
    const { rows } = await pool().query(`SELECT action, actor_id FROM audit_events WHERE tenant_id = $1 AND action LIKE 'supplier_account.%' ORDER BY created_at`, [tenant.tenantId]);
    expect(rows).toEqual([
      { action: 'supplier_account.linked', actor_id: tenant.userId },
      { action: 'supplier_account.switched', actor_id: support.userId },
    ]);

    const shop = await addShopifyStore(tenant.tenantId);
    const staff = await invitedMember(tenant, 'staff', [shop.storeId]);
    const refused = await connectRoute(asMember(connect, staff.cookie));
    expect(refused.status).toBe(403);
    expect(await db().supplierAccount.count({ where: { tenantId: tenant.tenantId } })).toBe(2);
  });
});
