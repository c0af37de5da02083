import { describe, expect, it } from 'vitest';

// This file's modules get a DATABASE_URL nobody listens on: Postgres is "down" for them only.
process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/order_hub_test';

describe('Postgres unreachable', () => {
  it('answers 503 to a webhook so the platform retries, and health names Postgres', async () => {
    const { sendShopify } = await import('@/tests/support/webhooks');
    const { shopifyOrderBody } = await import('@/tests/fixtures/shopify');
    const { GET: health } = await import('@/app/api/health/route');

    const response = await sendShopify({ shopDomain: 'any-shop.myshopify.com', body: shopifyOrderBody({ id: '1', number: 1 }) });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');

    const status = await health();
    expect(status.status).toBe(503);
    expect(await status.json()).toEqual({ status: 'unavailable', postgres: 'down', redis: 'up' });
  });
});
