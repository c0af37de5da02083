import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { StoreAuthorizationError } from '@/lib/platforms/platform-errors';

// The refused token travels with the error (a store refreshed meanwhile is not broken), but a
// log line that serializes the error, as the worker's do, must not carry it.

describe('StoreAuthorizationError', () => {
  it('keeps the refused credential for the code and out of the logs', () => {
    const lines: string[] = [];
    const log = pino({}, { write: (line: string) => void lines.push(line) });
    const error = new StoreAuthorizationError('tiktok', 'TikTok Shop API error 105002: access token is invalid', 'TTP_0123456789abcdef');
    log.warn({ err: error }, 'backfill failed');
    expect(error.refusedCredential).toBe('TTP_0123456789abcdef');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('access token is invalid');
    expect(lines[0]).not.toContain('TTP_0123456789abcdef');
  });
});
