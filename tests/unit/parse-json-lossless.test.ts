import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '@/lib/platforms/parse-json';

describe('parseJsonLossless', () => {
  it('keeps integers beyond 2^53 as their exact digits, wherever they sit', () => {
    expect(parseJsonLossless('{"id":820982911946154508,"lines":[{"id":9007199254740993,"qty":2}]}')).toEqual({
      id: '820982911946154508',
      lines: [{ id: '9007199254740993', qty: 2 }],
    });
    expect(parseJsonLossless('[-820982911946154508, 1e400]')).toEqual(['-820982911946154508', '1e400']);
  });

  it('keeps safe numbers as numbers and strings as they are, long digits in strings included', () => {
    const text = JSON.stringify({ id: 5928374659827, price: '19.99', quantity: 3, ratio: 0.25, gid: 'gid://shopify/Order/820982911946154508', note: 'say "12345678901234567"' });
    expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
    expect(parseJsonLossless('{"big":9007199254740991,"e":1.5e10,"neg":-12.5}')).toEqual({ big: 9007199254740991, e: 1.5e10, neg: -12.5 });
  });

  it('answers like the lossless parser on long decimals and escaped quotes', () => {
    expect(parseJsonLossless('{"a":"x\\"y","b":0.12345678901234567890}')).toEqual({ a: 'x"y', b: '0.12345678901234567890' });
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseJsonLossless('{"id": 1,')).toThrow();
    expect(() => parseJsonLossless('{"id": 12345678901234567890,')).toThrow();
  });
});
