import { describe, expect, it } from 'vitest';

process.env.REDIS_URL = 'redis://127.0.0.1:1';

describe('GET /api/health with Redis unreachable', () => {
  it('is 503 and names Redis', async () => {
    const { GET: health } = await import('@/app/api/health/route');
    const response = await health();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', postgres: 'up', redis: 'down' });
  });
});
