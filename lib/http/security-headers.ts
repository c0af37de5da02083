// Security headers for pages. Only the embedded Shopify pages may be framed, and only by the
// admin of the shop that opened them; everything else refuses framing.

export const embeddedShopCookie = 'hub_embedded_shop';

const shopDomain = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function frameAncestorsFor(shop: string | null | undefined): string {
  return shop && shopDomain.test(shop) ? `frame-ancestors https://${shop} https://admin.shopify.com` : "frame-ancestors 'none'";
}

/** A development or test app on this machine talks to local fakes over plain http. */
function isLoopbackApp(): boolean {
  const url = process.env.APP_URL || `http://localhost:${process.env.PORT ?? 3000}`;
  return /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?/.test(url);
}

export function pageSecurityHeaders(embeddedShop: string | null | undefined): Record<string, string> {
  const framing = frameAncestorsFor(embeddedShop);
  const headers: Record<string, string> = {
    'content-security-policy': [
      "default-src 'self'",
      // Next.js inlines its bootstrap scripts and styles.
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      // Connecting a store submits a form that redirects to the platform's own grant screen.
      `form-action 'self' https:${isLoopbackApp() ? ' http://127.0.0.1:* http://localhost:*' : ''}`,
      framing,
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  if (framing.includes("'none'")) headers['x-frame-options'] = 'DENY';
  return headers;
}
