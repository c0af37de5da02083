import { apiEndpoint } from '@/lib/api/api-route';
import { listOrders } from '@/lib/orders/list-orders';
import { getOrder } from '@/lib/orders/get-order';
import { listStores } from '@/lib/stores/list-stores';

// The REST v1 endpoints. The route files under app/api/v1/ export them as route handlers for
// Next.js (`next dev`, and what the web server hands to Next.js), and the web server answers the
// same ones itself before Next.js routes a request (lib/api/rest-listener.ts).

/** GET /api/v1/orders */
export const listOrdersEndpoint = apiEndpoint((url, principal) => listOrders(principal.tenantId, Object.fromEntries(url.searchParams)));

/** GET /api/v1/orders/:id */
export const getOrderEndpoint = apiEndpoint<{ id: string }>((_url, principal, params) => getOrder(principal.tenantId, params.id));

/** GET /api/v1/stores */
export const listStoresEndpoint = apiEndpoint(async (_url, principal) => ({ data: await listStores(principal.tenantId) }));
