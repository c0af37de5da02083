import { env } from '@/lib/env';
import { parseJsonLossless } from '@/lib/platforms/parse-json';
import { PlatformRequestError, sleep } from '@/lib/platforms/platform-errors';
import { signAliExpressRequest } from '@/lib/suppliers/aliexpress/sign-aliexpress-request';

/** AliExpress refused the account's token: it must be linked again. */
export class SupplierAuthorizationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SupplierAuthorizationError';
  }
}

/** A business answer from AliExpress (code + message), e.g. REPEATED_ORDER_ERROR. */
export class AliExpressError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(`AliExpress ${code}: ${message}`);
    this.name = 'AliExpressError';
    this.code = code;
  }
}

const tokenErrorCodes = /^(IllegalAccessToken|InvalidSession|SessionExpired|27|invalid.?session|AppKey|InvalidAccessToken)/i;
const maxAttempts = 3;

async function send(url: URL, parameters: Record<string, string>): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(parameters).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    if ((response.status === 429 || response.status >= 500) && attempt < maxAttempts) {
      await sleep(1000 * 2 ** attempt);
      continue;
    }
    const text = await response.text();
    try {
      return parseJsonLossless(text);
    } catch {
      throw new PlatformRequestError(`AliExpress answered ${response.status} with a body that is not JSON`, response.status);
    }
  }
}

function raiseOnError(body: Record<string, unknown>): void {
  const error = (body.error_response ?? (body.code && String(body.code) !== '0' ? body : null)) as { code?: unknown; msg?: unknown; message?: unknown; sub_code?: unknown; sub_msg?: unknown } | null;
  if (!error) return;
  const code = String(error.sub_code ?? error.code ?? 'unknown');
  const message = String(error.sub_msg ?? error.msg ?? error.message ?? 'no message');
  if (tokenErrorCodes.test(code) || tokenErrorCodes.test(String(error.code ?? ''))) throw new SupplierAuthorizationError(`AliExpress refused the token: ${code} ${message}`);
  throw new AliExpressError(code, message);
}

/** A system call (`/rest/auth/token/*`): the API path is part of the signature. */
export async function aliexpressSystemCall(apiPath: string, parameters: Record<string, string>): Promise<Record<string, unknown>> {
  const { ALIEXPRESS_API_BASE, ALIEXPRESS_APP_KEY, ALIEXPRESS_APP_SECRET } = env();
  const all: Record<string, string> = { ...parameters, app_key: ALIEXPRESS_APP_KEY, timestamp: String(Date.now()), sign_method: 'sha256' };
  all.sign = signAliExpressRequest({ apiPath, parameters: all, appSecret: ALIEXPRESS_APP_SECRET });
  const body = (await send(new URL(`/rest${apiPath}`, ALIEXPRESS_API_BASE), all)) as Record<string, unknown>;
  raiseOnError(body);
  return body;
}

/**
 * A business method through `/sync` (`aliexpress.ds.order.create`, `aliexpress.trade.ds.order.get`),
 * signed with the method name among the parameters. The response wrapper's name is not confirmed
 * (platforms.md D3): the first `*_response` object is unwrapped, and its `result` if it has one.
 */
export async function aliexpressBusinessCall(method: string, accessToken: string, parameters: Record<string, string>): Promise<Record<string, unknown>> {
  const { ALIEXPRESS_API_BASE, ALIEXPRESS_APP_KEY, ALIEXPRESS_APP_SECRET } = env();
  const all: Record<string, string> = { ...parameters, method, app_key: ALIEXPRESS_APP_KEY, session: accessToken, timestamp: String(Date.now()), sign_method: 'sha256' };
  all.sign = signAliExpressRequest({ parameters: all, appSecret: ALIEXPRESS_APP_SECRET });
  const body = (await send(new URL('/sync', ALIEXPRESS_API_BASE), all)) as Record<string, unknown>;
  raiseOnError(body);
  const wrapperKey = Object.keys(body).find((key) => key.endsWith('_response'));
  const wrapped = (wrapperKey ? body[wrapperKey] : body) as Record<string, unknown>;
  const result = (wrapped.result ?? wrapped) as Record<string, unknown>;
  return result;
}
