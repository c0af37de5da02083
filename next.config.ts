import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Server-only packages with native or worker-thread parts stay out of the bundle.
  serverExternalPackages: ['pino', 'pino-pretty', 'thread-stream', 'pg', '@prisma/adapter-pg', 'bullmq', 'ioredis', '@shopify/shopify-api'],
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [
          { key: 'x-content-type-options', value: 'nosniff' },
          { key: 'content-security-policy', value: "default-src 'none'; frame-ancestors 'none'" },
          { key: 'cache-control', value: 'no-store' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
