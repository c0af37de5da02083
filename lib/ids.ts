import { randomFillSync } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

// Random bytes are drawn 4 KiB at a time: one call into the CSPRNG per 256 ids, not one per id
// (an order takes five ids, a webhook one; the per-call cost showed in the worker's profile).
const entropy = Buffer.alloc(4096);
let entropyOffset = entropy.length;

function randomSixteen(): Buffer {
  if (entropyOffset + 16 > entropy.length) {
    randomFillSync(entropy);
    entropyOffset = 0;
  }
  entropyOffset += 16;
  return entropy.subarray(entropyOffset - 16, entropyOffset);
}

/**
 * A public id such as `ord_01jd8x…`: a prefix naming the kind, then 10 characters of time and 16
 * of randomness (Crockford base32), so ids sort roughly by creation and never collide in practice.
 */
export function createId(prefix: IdPrefix): string {
  let time = Date.now();
  let timePart = '';
  for (let index = 0; index < 10; index++) {
    timePart = alphabet[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const random = randomSixteen();
  let randomPart = '';
  for (const byte of random) randomPart += alphabet[byte % 32];
  return `${prefix}_${timePart}${randomPart}`;
}

export type IdPrefix = 'ten' | 'usr' | 'sto' | 'ord' | 'lin' | 'evt' | 'aud' | 'key' | 'ses' | 'acc' | 'inv' | 'sup' | 'spo' | 'att' | 'twn' | 'drq';

/**
 * Whether `value` could be an id at all (ids are short and plain). One that could not is simply
 * not found, and never reaches a query: Postgres refuses a NUL in a text parameter with an error.
 */
export function isPlausibleId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value);
}
