import { isSafeNumber, parse } from 'lossless-json';

/**
 * JSON.parse that keeps big integers exact: Shopify and TikTok ids exceed 2^53, and JSON.parse
 * would silently round 820982911946154508 to 820982911946154500. Unsafe numbers come back as
 * their original digits (a string); safe ones as numbers.
 */
export function parseJsonLossless(text: string): unknown {
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits));
}
