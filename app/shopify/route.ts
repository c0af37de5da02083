import { openEmbeddedApp } from '@/lib/auth/open-embedded-app';

export const dynamic = 'force-dynamic';

/** The app URL configured in Shopify: the admin loads it in an iframe with `id_token`. */
export function GET(request: Request) {
  return openEmbeddedApp(request);
}
