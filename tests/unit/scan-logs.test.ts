import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module of the test runner, without type declarations
import { findSecrets } from '../../scripts/lib/scan-logs.mjs';

// The search `npm test` runs over every log of the run: it must find what it is there to find.

const env = { SHOPIFY_API_SECRET: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', ENCRYPTION_KEY: 'f'.repeat(64), BETTER_AUTH_SECRET: '' };

describe('searching logs for secrets', () => {
  it('finds the run’s secrets by value and the tests’ credentials by shape', () => {
    const log = [
      '{"level":30,"msg":"worker started"}',
      `{"level":50,"msg":"signing with a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"}`,
      '{"level":30,"headers":{"x-shopify-access-token":"shpat_0123456789abcdef"}}',
      'Authorization: Bearer ohk_abcdefghijklmnopqrstuvwx',
      'cookie: better-auth.session_token=abcdefghijklmnopqrstuvwxyz.sig',
      '{"consumerSecret":"cs_0123456789abcdef"}',
      '{"accessToken":"[redacted]","msg":"store connected"}',
    ].join('\n');
    expect(findSecrets(log, env).map((finding: { what: string; line: number }) => `${finding.line}:${finding.what}`)).toEqual([
      '2:SHOPIFY_API_SECRET',
      '3:Shopify access token',
      '4:API key',
      '5:session cookie',
      '6:WooCommerce consumer secret',
    ]);
  });

  it('leaves ordinary log lines alone', () => {
    expect(findSecrets('{"level":30,"msg":"order recorded","orderId":"ord_01abc","number":"#1001-2"}\nsession ended', env)).toEqual([]);
  });
});
