import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(key: string, message: string | Buffer, encoding: 'base64' | 'hex'): string {
  return createHmac('sha256', key).update(message).digest(encoding);
}

/** Constant-time comparison of two signatures given as strings. */
export function isSameSignature(expected: string, received: string | null | undefined): boolean {
  if (!received) return false;
  const expectedBytes = Buffer.from(expected);
  const receivedBytes = Buffer.from(received);
  if (expectedBytes.length !== receivedBytes.length) return false;
  return timingSafeEqual(expectedBytes, receivedBytes);
}
