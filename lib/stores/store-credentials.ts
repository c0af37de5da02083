import { openJson, sealJson } from '@/lib/crypto/seal';

/** What a store needs to talk to its platform. Always sealed (AES-256-GCM) at rest. */
export type TStoreCredentials = {
  accessToken?: string;
  refreshToken?: string;
  /** ISO times; TikTok tokens expire and are refreshed before they do. */
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
  scope?: string;
  webhookSecret?: string;
  consumerKey?: string;
  consumerSecret?: string;
};

export function sealStoreCredentials(credentials: TStoreCredentials): string | null {
  const present = Object.fromEntries(Object.entries(credentials).filter(([, value]) => typeof value === 'string' && value.length > 0));
  return Object.keys(present).length ? sealJson(present) : null;
}

export function openStoreCredentials(sealed: string | null): TStoreCredentials {
  return sealed ? openJson<TStoreCredentials>(sealed) : {};
}
