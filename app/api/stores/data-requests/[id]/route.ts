import { errorBody, errorResponse } from '@/lib/api/error-response';
import { can, memberOfRequest } from '@/lib/auth/current-member';
import { actorOf } from '@/lib/auth/require-member';
import { downloadDataRequest } from '@/lib/stores/compliance/download-data-request';
import { withTenant } from '@/lib/db/tenant-scope';

export const dynamic = 'force-dynamic';

/** The JSON a customers/data_request produced, for the merchant to send to the customer. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const member = await memberOfRequest(request.headers);
    if (!member) return Response.json(errorBody('unauthorized', 'Sign in first'), { status: 401 });
    if (!can(member, 'stores.manage')) return Response.json(errorBody('not_found', 'Not found'), { status: 404 });
    const { id } = await context.params;
    const exported = await withTenant(member.tenantId, () => downloadDataRequest(member.tenantId, id, actorOf(member)));
    return new Response(JSON.stringify(exported, null, 2), {
      headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="customer-data-${id}.json"` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
