import { routeHandler } from '@/lib/api/api-route';
import { getOrderEndpoint } from '@/lib/api/v1-endpoints';

export const dynamic = 'force-dynamic';

export const GET = routeHandler(getOrderEndpoint);
