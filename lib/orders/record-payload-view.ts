import { pool } from '@/lib/db/client';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import type { TRole } from '@/lib/auth/current-member';

/** Support staff act on a merchant's behalf: even reading the raw payloads leaves a trace. */
export async function recordPayloadView(tenantId: string, actor: TAuditActor, role: TRole, orderId: string): Promise<void> {
  if (role !== 'support') return;
  await recordAuditEvent(pool(), { tenantId, actor, action: 'order.payloads_viewed', subjectType: 'order', subjectId: orderId });
}
