import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '@/lib/crypto/seal';

const saved = { key: process.env.ENCRYPTION_KEY, previous: process.env.ENCRYPTION_KEYS_PREVIOUS };

beforeEach(() => {
  process.env.ENCRYPTION_KEY = randomBytes(32).toString('hex');
  delete process.env.ENCRYPTION_KEYS_PREVIOUS;
});

afterEach(() => {
  process.env.ENCRYPTION_KEY = saved.key;
  process.env.ENCRYPTION_KEYS_PREVIOUS = saved.previous;
});

describe('sealed secrets (AES-256-GCM with a key id)', () => {
  it('round-trips and never shows the plaintext', () => {
    const sealed = sealSecret('shpat_super_secret');
    expect(sealed).not.toContain('shpat');
    expect(sealed.split('.')).toHaveLength(5);
    expect(openSecret(sealed)).toBe('shpat_super_secret');
    expect(sealSecret('same')).not.toBe(sealSecret('same'));
  });

  it('refuses tampered values', () => {
    const parts = sealSecret('token').split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => openSecret(parts.join('.'))).toThrow();
  });

  it('opens values sealed under a previous key after rotation', () => {
    const oldKey = process.env.ENCRYPTION_KEY!;
    const sealed = sealSecret('rotate me');
    process.env.ENCRYPTION_KEY = randomBytes(32).toString('hex');
    expect(() => openSecret(sealed)).toThrow(/No encryption key/);
    process.env.ENCRYPTION_KEYS_PREVIOUS = oldKey;
    expect(openSecret(sealed)).toBe('rotate me');
    expect(sealSecret('new').split('.')[1]).not.toBe(sealed.split('.')[1]);
  });
});
