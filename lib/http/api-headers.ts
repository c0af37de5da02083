// Headers on every answer under /api: next.config.ts sets them on what Next.js serves, the web
// server's webhook and REST listeners on what they answer themselves. No imports: next.config.ts loads this file.

export const apiResponseHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};
