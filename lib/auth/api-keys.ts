import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { createId } from '@/lib/ids';

// API keys look like `ohk_<43 random characters>`. Only their SHA-256 is stored: the key has 256
// bits of entropy, so a fast hash is enough, and lookup stays one index probe.

const keyPrefix = 'ohk_';

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function createApiKey(tenantId: string, name = 'API key'): Promise<{ apiKey: string; apiKeyId: string }> {
  const tenant = await db().tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
  if (!tenant) throw new AppError('not_found', `No tenant ${tenantId}`);
  const apiKey = keyPrefix + randomBytes(32).toString('base64url');
  const apiKeyId = createId('key');
  await db().apiKey.create({
    data: { tenantId, id: apiKeyId, name: name.slice(0, 200), prefix: apiKey.slice(0, 10), hashedKey: hashKey(apiKey) },
  });
  return { apiKey, apiKeyId };
}

export type TApiPrincipal = { tenantId: string; apiKeyId: string };

/** The tenant an API key belongs to, or null for a missing, unknown or revoked key. */
export async function unsafeAuthenticateApiKey(authorization: string | null): Promise<TApiPrincipal | null> {
  const key = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!key || !key.startsWith(keyPrefix) || key.length > 200) return null;
  const row = await db().apiKey.findFirst({
    where: { hashedKey: hashKey(key), revokedAt: null },
    select: { tenantId: true, id: true },
  });
  return row ? { tenantId: row.tenantId, apiKeyId: row.id } : null;
}
