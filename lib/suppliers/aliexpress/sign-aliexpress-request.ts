import { createHmac } from 'node:crypto';

/**
 * AliExpress Open Platform signature (platforms.md D2): UPPERCASE hex HMAC-SHA256 with the app
 * secret over [the API path, for /rest system calls] + every parameter as key+value, sorted by
 * key, empty ones skipped. `sign` itself is never part of it.
 */
export function signAliExpressRequest(input: { apiPath?: string; parameters: Record<string, string | undefined | null>; appSecret: string }): string {
  const pairs = Object.keys(input.parameters)
    .filter((key) => key !== 'sign' && input.parameters[key] !== undefined && input.parameters[key] !== null)
    .sort()
    .map((key) => `${key}${input.parameters[key]}`)
    .join('');
  return createHmac('sha256', input.appSecret)
    .update((input.apiPath ?? '') + pairs)
    .digest('hex')
    .toUpperCase();
}
