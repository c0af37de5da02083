/** The public URL of the app: APP_URL, else http://localhost:PORT. */
export function appUrl(): string {
  const configured = process.env.APP_URL?.trim();
  return (configured || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/** Origins allowed to post to the auth endpoints: the app URL, and its localhost/127.0.0.1 twin. */
export function trustedOrigins(): string[] {
  const url = new URL(appUrl());
  const origins = new Set([url.origin]);
  if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') {
    for (const host of ['localhost', '127.0.0.1']) origins.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
  }
  return [...origins];
}
