import { describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';

describe('GET /api/health', () => {
  it('is 200 with Postgres and Redis reachable', async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });
});
