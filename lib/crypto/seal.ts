import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { decodeKey } from '@/lib/env';

// Sealed values read `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). The key id lets a new
// ENCRYPTION_KEY take over while values sealed under ENCRYPTION_KEYS_PREVIOUS still open.

type TKey = { id: string; bytes: Buffer };

function keyId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

function currentKey(): TKey {
  const bytes = decodeKey(process.env.ENCRYPTION_KEY ?? '');
  if (!bytes) throw new Error('ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64');
  return { id: keyId(bytes), bytes };
}

// The keys are derived from the environment once per value of it (tests change it), not per call:
// a worker opens a store's credentials for every TikTok order.
let derived: { source: string; keys: TKey[] } | undefined;

function allKeys(): TKey[] {
  const source = `${process.env.ENCRYPTION_KEY ?? ''}|${process.env.ENCRYPTION_KEYS_PREVIOUS ?? ''}`;
  if (derived?.source !== source) derived = { source, keys: deriveKeys() };
  return derived.keys;
}

function deriveKeys(): TKey[] {
  const previous = (process.env.ENCRYPTION_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => decodeKey(value))
    .filter((bytes): bytes is Buffer => bytes !== null)
    .map((bytes) => ({ id: keyId(bytes), bytes }));
  return [currentKey(), ...previous];
}

export function sealSecret(plaintext: string): string {
  const key = currentKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v1', key.id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function openSecret(sealed: string): string {
  const [version, id, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !id || !iv || !tag || ciphertext === undefined) throw new Error('Not a sealed value');
  const key = allKeys().find((candidate) => candidate.id === id);
  if (!key) throw new Error(`No encryption key with id ${id} (set ENCRYPTION_KEYS_PREVIOUS to open old values)`);
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

export function sealJson(value: unknown): string {
  return sealSecret(JSON.stringify(value));
}

export function openJson<T>(sealed: string): T {
  return JSON.parse(openSecret(sealed)) as T;
}
