import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { apiResponseHeaders } from './lib/http/api-headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Server-only packages with native or worker-thread parts stay out of the bundle.
  serverExternalPackages: ['pino', 'pino-pretty', 'thread-stream', 'pg', '@prisma/adapter-pg', 'bullmq', 'ioredis', '@shopify/shopify-api'],
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: Object.entries(apiResponseHeaders).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default withNextIntl(nextConfig);
