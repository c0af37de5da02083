import { memberRoute } from '@/lib/api/member-route';
import { listStoreOverview } from '@/lib/stores/list-store-overview';

export const dynamic = 'force-dynamic';

/** The Stores page polls this while a backfill runs, for its progress bars. */
export const GET = memberRoute('orders.read', async (_request, member) => {
  const stores = await listStoreOverview(member.tenantId, member.storeIds);
  return Response.json({ data: stores.map((store) => ({ ...store.sync, status: store.status, orderCount: store.orderCount })) });
});
