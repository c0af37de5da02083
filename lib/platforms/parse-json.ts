import { isSafeNumber, parse } from 'lossless-json';

// Outside its strings, a JSON text holds only numbers, punctuation and literals. A number a double
// may not keep exactly has 16 digits or more, or an exponent of three digits.
const stringLiterals = /"[^"\\]*(?:\\.[^"\\]*)*"/g;
const longNumber = /\d[\d.]{15}|\d[eE][+-]?\d{3}/;

/**
 * JSON.parse that keeps big integers exact: Shopify and TikTok ids exceed 2^53, and JSON.parse
 * would silently round 820982911946154508 to 820982911946154500. Unsafe numbers come back as
 * their original digits (a string); safe ones as numbers. A text without a long number outside
 * its strings (most payloads: their big ids are strings) goes to the native JSON.parse, several
 * times faster than the lossless parser written in JavaScript.
 */
export function parseJsonLossless(text: string): unknown {
  if (!longNumber.test(text) || !longNumber.test(text.replace(stringLiterals, '""'))) return JSON.parse(text);
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits));
}
