import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { db } from '@/lib/db/client';
import { createId, type IdPrefix } from '@/lib/ids';
import { appUrl, trustedOrigins } from '@/lib/auth/app-url';
import { shopifyEmbeddedSignIn } from '@/lib/auth/shopify-embedded-sign-in';

const prefixes: Record<string, IdPrefix> = { user: 'usr', session: 'ses', account: 'acc' };

function createAuth() {
  const baseURL = appUrl();
  return betterAuth({
    appName: 'Order hub',
    baseURL,
    basePath: '/api/auth',
    secret: process.env.BETTER_AUTH_SECRET,
    trustedOrigins: trustedOrigins(),
    database: prismaAdapter(db(), { provider: 'postgresql' }),
    // Accounts are created by `npm run hub -- tenant create` and by invitations, never by sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: { additionalFields: { locale: { type: 'string', required: false, input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 100,
      customRules: { '/sign-in/email': { window: 60, max: 5 } },
    },
    telemetry: { enabled: false },
    advanced: {
      // better-auth skips its Origin/CSRF checks when NODE_ENV is "test"; checks never switch off
      // by environment here, so the tests see what production does.
      disableOriginCheck: false,
      // HttpOnly, Secure and SameSite=Lax everywhere; http:// is only for localhost development.
      useSecureCookies: baseURL.startsWith('https://') || isLoopback(baseURL),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      database: { generateId: ({ model }) => createId(prefixes[model] ?? 'ses') },
      // Behind a proxy, list its addresses (CIDR, comma-separated) so the client IP can be trusted.
      ipAddress: { trustedProxies: (process.env.TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean) },
    },
    plugins: [shopifyEmbeddedSignIn(), nextCookies()],
  });
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

type TAuth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { orderHubAuth?: TAuth };

/** The better-auth instance: sessions in Postgres, password hashing by the library. */
export function auth(): TAuth {
  globalForAuth.orderHubAuth ??= createAuth();
  return globalForAuth.orderHubAuth;
}
