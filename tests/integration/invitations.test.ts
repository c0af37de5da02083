import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { acceptInvitation, createInvitation, revokeInvitation, unsafeFindInvitation } from '@/lib/tenancy/invitations';
import { addShopifyStore, addWooStore, createTestTenant, uniqueSuffix } from '@/tests/support/tenants';

describe('invitations', () => {
  it('lets an owner invite staff for one store; the link works once', async () => {
    const tenant = await createTestTenant();
    const shop = await addShopifyStore(tenant.tenantId);
    await addWooStore(tenant.tenantId);
    const actor = { type: 'user' as const, id: tenant.userId };
    const { token } = await createInvitation(tenant.tenantId, actor, { role: 'staff', storeIds: [shop.storeId] });
    expect(await unsafeFindInvitation(token)).toMatchObject({ role: 'staff', state: 'open' });

    const email = `staff-${uniqueSuffix()}@example.test`;
    const { userId } = await acceptInvitation(token, { name: 'Sam Staff', email, password: 'staff-password' });
    const membership = await db().membership.findFirst({ where: { tenantId: tenant.tenantId, userId }, include: { stores: true } });
    expect(membership?.role).toBe('staff');
    expect(membership?.stores.map((store) => store.storeId)).toEqual([shop.storeId]);

    expect((await unsafeFindInvitation(token))?.state).toBe('used');
    await expect(acceptInvitation(token, { name: 'Again', email: `again-${uniqueSuffix()}@example.test`, password: 'another-password' })).rejects.toThrow(/no longer valid/);
    expect(await unsafeFindInvitation('not-a-token')).toBeNull();
  });

  it('refuses staff without stores, stores of another tenant, and revoked links', async () => {
    const tenant = await createTestTenant();
    const other = await createTestTenant();
    const foreign = await addShopifyStore(other.tenantId);
    const actor = { type: 'user' as const, id: tenant.userId };
    await expect(createInvitation(tenant.tenantId, actor, { role: 'staff', storeIds: [] })).rejects.toThrow(/at least one store/);
    await expect(createInvitation(tenant.tenantId, actor, { role: 'staff', storeIds: [foreign.storeId] })).rejects.toThrow(/not found/i);
    const { id, token } = await createInvitation(tenant.tenantId, actor, { role: 'support' });
    await revokeInvitation(tenant.tenantId, actor, id);
    expect((await unsafeFindInvitation(token))?.state).toBe('revoked');
    await expect(revokeInvitation(other.tenantId, { type: 'user', id: other.userId }, id)).rejects.toThrow(/not found/i);
  });
});
