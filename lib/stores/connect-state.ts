import { createHmac, randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { isSameSignature } from '@/lib/crypto/hmac';
import type { TPlatform } from '@/lib/orders/canonical-order';

// The state that travels through a platform's authorize screen and comes back to our callback.
// WooCommerce's callback is unsigned and does not even name the store, so the state carries the
// tenant and the site URL, signed and expiring; its nonce can be used once.

export type TConnectTarget = TPlatform | 'aliexpress';

export type TConnectState = {
  tenantId: string;
  userId: string;
  platform: TConnectTarget;
  siteUrl?: string;
  locale?: string;
  nonce: string;
  expiresAt: number;
};

const lifetimeMs = 15 * 60 * 1000;

function signingKey(): Buffer {
  return createHmac('sha256', process.env.BETTER_AUTH_SECRET ?? '').update('order-hub connect state').digest();
}

function signature(encoded: string): string {
  return createHmac('sha256', signingKey()).update(encoded).digest('base64url');
}

export function signConnectState(input: Omit<TConnectState, 'nonce' | 'expiresAt'>): string {
  const state: TConnectState = { ...input, nonce: randomBytes(16).toString('base64url'), expiresAt: Date.now() + lifetimeMs };
  const encoded = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${encoded}.${signature(encoded)}`;
}

/** The state if its signature holds, it has not expired and it was made for `platform`; else null. */
export function readConnectState(token: string | null | undefined, platform: TConnectTarget): TConnectState | null {
  if (!token || token.length > 4096) return null;
  const [encoded, mac] = token.split('.');
  if (!encoded || !mac || !isSameSignature(signature(encoded), mac)) return null;
  try {
    const state = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as TConnectState;
    if (state.platform !== platform || typeof state.expiresAt !== 'number' || state.expiresAt < Date.now()) return null;
    return state;
  } catch {
    return null;
  }
}

/** Marks the state's nonce used; false when it already was (a replayed callback). */
export async function consumeConnectNonce(state: TConnectState): Promise<boolean> {
  const created = await db().verification.createMany({
    data: [{ id: `connect_${state.nonce}`, identifier: `connect-nonce:${state.platform}`, value: state.tenantId, expiresAt: new Date(state.expiresAt) }],
    skipDuplicates: true,
  });
  return created.count === 1;
}
