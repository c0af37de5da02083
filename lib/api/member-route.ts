import { can, memberOfRequest, type TMember, type TPermission } from '@/lib/auth/current-member';
import { errorBody, errorResponse } from '@/lib/api/error-response';
import { withTenant } from '@/lib/db/tenant-scope';

/** Wraps a route used by the dashboard: a signed-in member with the permission, errors as JSON. */
export function memberRoute(permission: TPermission, handler: (request: Request, member: TMember) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      const member = await memberOfRequest(request.headers);
      if (!member) return Response.json(errorBody('unauthorized', 'Sign in first'), { status: 401 });
      if (!can(member, permission)) return Response.json(errorBody('forbidden', 'Your role does not allow this'), { status: 403 });
      return await withTenant(member.tenantId, () => handler(request, member));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
