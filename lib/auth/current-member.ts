import { cache } from 'react';
import { headers } from 'next/headers';
import { systemPool } from '@/lib/db/client';
import { auth } from '@/lib/auth/auth';

export type TRole = 'owner' | 'staff' | 'support';

export type TMember = {
  userId: string;
  name: string;
  email: string;
  locale: string | null;
  tenantId: string;
  tenantName: string;
  tenantLocale: string | null;
  role: TRole;
  /** The stores this member may see; null means every store of the tenant. */
  storeIds: string[] | null;
};

export const tenantCookie = 'hub_tenant';

/** The signed-in member a request's headers (session cookie, chosen tenant cookie) name, or null. */
export async function memberOfRequest(requestHeaders: Headers): Promise<TMember | null> {
  const session = await auth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  // Which tenants the user belongs to is asked across tenants: the owner's connection.
  const { rows: memberships } = await systemPool().query<{ tenant_id: string; role: TRole; tenant_name: string; tenant_locale: string | null; store_ids: string[] }>({
    name: 'member-of-request',
    text: `SELECT m.tenant_id, m.role, t.name AS tenant_name, t.locale AS tenant_locale,
                  ARRAY(SELECT s.store_id FROM membership_stores s WHERE s.tenant_id = m.tenant_id AND s.user_id = m.user_id) AS store_ids
             FROM memberships m JOIN tenants t ON t.id = m.tenant_id
            WHERE m.user_id = $1 ORDER BY m.created_at`,
    values: [session.user.id],
  });
  if (!memberships.length) return null;
  const chosen = cookieValue(requestHeaders.get('cookie'), tenantCookie);
  const membership = memberships.find((candidate) => candidate.tenant_id === chosen) ?? memberships[0]!;
  return {
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    locale: (session.user as { locale?: string | null }).locale ?? null,
    tenantId: membership.tenant_id,
    tenantName: membership.tenant_name,
    tenantLocale: membership.tenant_locale,
    role: membership.role,
    storeIds: membership.role === 'staff' ? membership.store_ids : null,
  };
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}

/** The signed-in member of the current request (pages, server actions), or null. One lookup per request. */
export const currentMember = cache(async (): Promise<TMember | null> => memberOfRequest(await headers()));

export type TPermission =
  | 'orders.read'
  | 'events.manage'
  | 'payloads.read'
  | 'members.manage'
  | 'language.manage'
  | 'supplier.manage'
  | 'supplier.place'
  | 'supplier.map'
  | 'stores.manage';

const permissions: Record<TRole, TPermission[]> = {
  owner: ['orders.read', 'events.manage', 'payloads.read', 'members.manage', 'language.manage', 'supplier.manage', 'supplier.place', 'supplier.map', 'stores.manage'],
  staff: ['orders.read', 'events.manage', 'supplier.place', 'supplier.map'],
  support: ['orders.read', 'payloads.read', 'language.manage', 'supplier.manage', 'supplier.map'],
};

export function can(member: Pick<TMember, 'role'>, permission: TPermission): boolean {
  return permissions[member.role].includes(permission);
}

/** Whether the member may see the given store at all. */
export function canSeeStore(member: Pick<TMember, 'storeIds'>, storeId: string): boolean {
  return member.storeIds === null || member.storeIds.includes(storeId);
}
