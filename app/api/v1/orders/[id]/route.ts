import { apiRoute } from '@/lib/api/api-route';
import { getOrder } from '@/lib/orders/get-order';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>(async (_request, principal, params) => {
  return Response.json(await getOrder(principal.tenantId, params.id));
});
