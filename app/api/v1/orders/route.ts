import { apiRoute } from '@/lib/api/api-route';
import { listOrders } from '@/lib/orders/list-orders';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request, principal) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return Response.json(await listOrders(principal.tenantId, query));
});
