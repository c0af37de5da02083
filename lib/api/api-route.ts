import { unsafeAuthenticateApiKey, type TApiPrincipal } from '@/lib/auth/api-keys';
import { errorBody, errorResponse } from '@/lib/api/error-response';
import { withTenant } from '@/lib/db/tenant-scope';

type TContext<P> = { params: Promise<P> };

/** Wraps a REST v1 handler: Bearer API key → tenant, errors → JSON with a stable code. */
export function apiRoute<P = Record<string, never>>(
  handler: (request: Request, principal: TApiPrincipal, params: P) => Promise<Response>,
) {
  return async (request: Request, context: TContext<P>): Promise<Response> => {
    try {
      const principal = await unsafeAuthenticateApiKey(request.headers.get('authorization'));
      if (!principal) {
        return Response.json(errorBody('unauthorized', 'A valid API key is required'), {
          status: 401,
          headers: { 'www-authenticate': 'Bearer' },
        });
      }
      const params = await context.params;
      return await withTenant(principal.tenantId, () => handler(request, principal, params));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
