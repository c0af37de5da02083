import { apiRoute } from '@/lib/api/api-route';
import { listStores } from '@/lib/stores/list-stores';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (_request, principal) => {
  return Response.json({ data: await listStores(principal.tenantId) });
});
