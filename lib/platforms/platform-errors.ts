import type { TPlatform } from '@/lib/orders/canonical-order';

/** The platform refused the store's credentials: the merchant must reconnect the store. */
export class StoreAuthorizationError extends Error {
  readonly platform: TPlatform;
  readonly #refusedCredential: string | null;

  constructor(platform: TPlatform, message: string, refusedCredential: string | null = null) {
    super(message);
    this.name = 'StoreAuthorizationError';
    this.platform = platform;
    this.#refusedCredential = refusedCredential;
  }

  /**
   * The token or key the platform refused: a store whose credentials changed since is not broken.
   * A private field behind a getter, so a log that serializes the error never carries it.
   */
  get refusedCredential(): string | null {
    return this.#refusedCredential;
  }
}

/** A platform call that failed for a reason worth retrying later (5xx, network, rate limit). */
export class PlatformRequestError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'PlatformRequestError';
    this.status = status;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Seconds from a Retry-After header (seconds or an HTTP date), bounded to [min, max]. */
export function retryAfterMs(header: string | null, fallbackMs: number, maxMs = 30_000): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : new Date(header).getTime() - Date.now();
  return Math.min(Math.max(Number.isFinite(ms) ? ms : fallbackMs, 100), maxMs);
}
