import type { NextRequest } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { routing } from '@/lib/i18n/routing';
import { embeddedShopCookie, pageSecurityHeaders } from '@/lib/http/security-headers';

const handleLocale = createMiddleware(routing);

export default function proxy(request: NextRequest) {
  const response = handleLocale(request);
  const headers = pageSecurityHeaders(request.cookies.get(embeddedShopCookie)?.value);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: API routes, webhooks and the Shopify entry never see locale handling.
  matcher: ['/((?!api|shopify|_next|_vercel|.*\\..*).*)'],
};
