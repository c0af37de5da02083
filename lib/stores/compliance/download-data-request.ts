import { isPlausibleId } from '@/lib/ids';
import { db, pool } from '@/lib/db/client';
import { notFound } from '@/lib/errors/app-error';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';

export async function listDataRequests(tenantId: string) {
  return db().dataRequest.findMany({
    where: { tenantId },
    orderBy: { createdAt: 'desc' },
    take: 50,
    select: { id: true, storeId: true, customerEmail: true, createdAt: true },
  });
}

/** A data request export of the tenant; each download is audited. */
export async function downloadDataRequest(tenantId: string, id: string, actor: TAuditActor): Promise<unknown> {
  if (!isPlausibleId(id)) throw notFound('Data request not found');
  const request = await db().dataRequest.findFirst({ where: { tenantId, id }, select: { export: true } });
  if (!request) throw notFound('Data request not found');
  await recordAuditEvent(pool(), { tenantId, actor, action: 'compliance.data_request_downloaded', subjectType: 'data_request', subjectId: id });
  return request.export;
}
