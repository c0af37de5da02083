import { routeHandler } from '@/lib/api/api-route';
import { listStoresEndpoint } from '@/lib/api/v1-endpoints';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(listStoresEndpoint);
