import { createAuthEndpoint } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { db } from '@/lib/db/client';
import { createId } from '@/lib/ids';
import { shopify } from '@/lib/platforms/shopify/shopify-api';
import { ensureStoreForSessionToken } from '@/lib/stores/shopify/shopify-install';
import { logger } from '@/lib/log';
import { normalizeShopDomain } from '@/lib/stores/route-key';
import { withTenant } from '@/lib/db/tenant-scope';

// Signs in a merchant who opens the app inside Shopify admin. App Bridge hands us a session
// token (a one-minute HS256 JWT signed with the app secret, audience = API key); its `dest` names
// the shop, which names the store and so the tenant (a shop without one is connected on the spot
// by token exchange). The Shopify user (`sub`) gets a hub user of its own, a member of that tenant.

function sessionTokenOf(request: Request | undefined, query: Record<string, unknown> | undefined): string | null {
  const fromQuery = typeof query?.id_token === 'string' ? query.id_token : null;
  const fromHeader = request?.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
  return fromQuery ?? fromHeader;
}

function findOrCreateShopifyUser(tenantId: string, shop: string, shopifyUserId: string): Promise<string> {
  return withTenant(tenantId, () => findOrCreateUserOfShop(tenantId, shop, shopifyUserId));
}

async function findOrCreateUserOfShop(tenantId: string, shop: string, shopifyUserId: string): Promise<string> {
  const accountId = `${shop}:${shopifyUserId}`;
  const account = await db().account.findFirst({ where: { providerId: 'shopify', accountId }, select: { userId: true } });
  if (account) {
    await db().membership.upsert({
      where: { tenantId_userId: { tenantId, userId: account.userId } },
      create: { tenantId, userId: account.userId, role: 'owner' },
      update: {},
    });
    return account.userId;
  }
  const userId = createId('usr');
  await db().$transaction([
    db().user.create({ data: { id: userId, name: `Shopify admin (${shop})`, email: `shopify-${shopifyUserId}@${shop}`, emailVerified: true } }),
    db().account.create({ data: { id: createId('acc'), accountId, providerId: 'shopify', userId } }),
    db().membership.create({ data: { tenantId, userId, role: 'owner' } }),
  ]);
  return userId;
}

export const embeddedSessionPath = '/shopify/embedded-session';

export function shopifyEmbeddedSignIn() {
  return {
    id: 'shopify-embedded-sign-in',
    endpoints: {
      signInWithShopifySessionToken: createAuthEndpoint(embeddedSessionPath, { method: 'GET' }, async (context) => {
        const token = sessionTokenOf(context.request, context.query as Record<string, unknown> | undefined);
        if (!token) throw context.error('UNAUTHORIZED', { message: 'A Shopify session token is required' });
        let shop: string;
        let shopifyUserId: string;
        try {
          const payload = await shopify().session.decodeSessionToken(token);
          shop = normalizeShopDomain(new URL(payload.dest).hostname);
          shopifyUserId = String(payload.sub ?? 'shop');
        } catch {
          throw context.error('UNAUTHORIZED', { message: 'Invalid or expired Shopify session token' });
        }
        let store: { tenantId: string; storeId: string };
        try {
          store = await ensureStoreForSessionToken(shop, token);
        } catch (error) {
          logger.warn({ err: error, shop }, 'could not connect the shop from its session token');
          throw context.error('UNAUTHORIZED', { message: 'This shop could not be connected to Order hub' });
        }

        const userId = await findOrCreateShopifyUser(store.tenantId, shop, shopifyUserId);
        const session = await context.context.internalAdapter.createSession(userId);
        const user = await context.context.internalAdapter.findUserById(userId);
        if (!session || !user) throw context.error('INTERNAL_SERVER_ERROR', { message: 'Could not start a session' });
        // Inside the admin's iframe the cookie is third-party: SameSite=None, Secure, Partitioned.
        await setSessionCookie(context, { session, user }, false, { sameSite: 'none', secure: true, partitioned: true });
        return context.json({ tenantId: store.tenantId, storeId: store.storeId, shop, userId });
      }),
    },
  } as const;
}
