import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemPool } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { warnWithoutAutovacuum } from '@/lib/db/warn-without-autovacuum';

describe('the warning about a Postgres without autovacuum', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is logged exactly when the server runs with autovacuum off', async () => {
    const warn = vi.spyOn(logger, 'warn');
    const { rows } = await systemPool().query<{ autovacuum: string }>('SHOW autovacuum');
    await warnWithoutAutovacuum();
    const warnings = warn.mock.calls.filter((call) => String(call[0]).includes('autovacuum off'));
    expect(warnings).toHaveLength(rows[0]!.autovacuum === 'off' ? 1 : 0);
  });
});
