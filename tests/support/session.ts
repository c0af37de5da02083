import { POST as authPost } from '@/app/api/auth/[...all]/route';
import { appUrl } from '@/lib/auth/app-url';
import { uniqueSuffix } from '@/tests/support/tenants';

/** Signs a test tenant's owner in through the auth route, as a browser would; returns the session cookie. */
export async function sessionCookieOf(user: { email: string; password: string }): Promise<string> {
  const bytes = uniqueSuffix();
  const response = await authPost(
    new Request(`${appUrl()}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: appUrl(), 'x-forwarded-for': `10.${parseInt(bytes.slice(0, 2), 16)}.${parseInt(bytes.slice(2, 4), 16)}.${parseInt(bytes.slice(4, 6), 16)}` },
      body: JSON.stringify({ email: user.email, password: user.password }),
    }),
  );
  if (response.status !== 200) throw new Error(`Sign-in failed: ${response.status}`);
  return response.headers.getSetCookie().find((value) => value.includes('session_token'))!.split(';')[0]!;
}
