import { apiRoute } from '@/lib/api/api-route';
import { listOrders } from '@/lib/orders/list-orders';
import { getOrder } from '@/lib/orders/get-order';
import { listStores } from '@/lib/stores/list-stores';

// The REST v1 endpoints. The route files under app/api/v1/ export them for Next.js (`next dev`,
// and what the web server hands to Next.js), and the web server answers the same ones itself
// before Next.js routes a request (lib/api/rest-listener.ts).

/** GET /api/v1/orders */
export const listOrdersEndpoint = apiRoute(async (request, principal) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return Response.json(await listOrders(principal.tenantId, query));
});

/** GET /api/v1/orders/:id */
export const getOrderEndpoint = apiRoute<{ id: string }>(async (_request, principal, params) => {
  return Response.json(await getOrder(principal.tenantId, params.id));
});

/** GET /api/v1/stores */
export const listStoresEndpoint = apiRoute(async (_request, principal) => {
  return Response.json({ data: await listStores(principal.tenantId) });
});
