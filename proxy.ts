import createMiddleware from 'next-intl/middleware';
import { routing } from '@/lib/i18n/routing';

export default createMiddleware(routing);

export const config = {
  // Pages only: API routes and webhooks never see locale handling.
  matcher: ['/((?!api|_next|_vercel|.*\\..*).*)'],
};
