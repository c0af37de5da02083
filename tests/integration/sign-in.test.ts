import { describe, expect, it } from 'vitest';
import { auth } from '@/lib/auth/auth';
import { appUrl } from '@/lib/auth/app-url';
import { createTestTenant, uniqueSuffix } from '@/tests/support/tenants';

function signIn(email: string, password: string, ip: string) {
  return auth().handler(
    new Request(`${appUrl()}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: appUrl(), 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    }),
  );
}

function uniqueIp(): string {
  const bytes = Buffer.from(uniqueSuffix(), 'hex');
  return `10.${bytes[0]}.${bytes[1]}.${bytes[2]}`;
}

describe('sign-in', () => {
  it('signs in the user made by `tenant create`, with an HttpOnly, Secure, SameSite session cookie', async () => {
    const tenant = await createTestTenant();
    const response = await signIn(tenant.email, tenant.password, uniqueIp());
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((value) => value.includes('session_token'));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const session = await auth().api.getSession({ headers: new Headers({ cookie: cookie!.split(';')[0]! }) });
    expect(session?.user.email).toBe(tenant.email);
  });

  it('refuses a wrong password and never creates accounts', async () => {
    const tenant = await createTestTenant();
    expect((await signIn(tenant.email, 'not-the-password', uniqueIp())).status).toBe(401);
    const signUp = await auth().handler(
      new Request(`${appUrl()}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: appUrl(), 'x-forwarded-for': uniqueIp() },
        body: JSON.stringify({ email: `new-${uniqueSuffix()}@example.test`, password: 'a-long-password', name: 'New' }),
      }),
    );
    expect(signUp.status).toBeGreaterThanOrEqual(400);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const tenant = await createTestTenant();
    const ip = uniqueIp();
    const statuses = [];
    for (let attempt = 0; attempt < 7; attempt++) statuses.push((await signIn(tenant.email, 'wrong-password', ip)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password waits out the window from that address.
    expect((await signIn(tenant.email, tenant.password, ip)).status).toBe(429);
  });
});
