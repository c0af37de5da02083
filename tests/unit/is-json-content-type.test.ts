import { describe, expect, it } from 'vitest';
import { isJsonContentType } from '@/lib/webhooks/is-json-content-type';

describe('isJsonContentType', () => {
  it('accepts JSON media types with parameters, and a missing header', () => {
    for (const header of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8', 'text/json', 'application/vnd.api+json', null, '']) {
      expect(isJsonContentType(header)).toBe(true);
    }
  });

  it('refuses bodies declared as something else', () => {
    for (const header of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/jsonp', 'json']) {
      expect(isJsonContentType(header)).toBe(false);
    }
  });
});
