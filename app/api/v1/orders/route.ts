import { routeHandler } from '@/lib/api/api-route';
import { listOrdersEndpoint } from '@/lib/api/v1-endpoints';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(listOrdersEndpoint);
