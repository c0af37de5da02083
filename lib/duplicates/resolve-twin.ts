import { pool, withTransaction } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors/app-error';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import { withTenant } from '@/lib/db/tenant-scope';

export type TTwinResolution = 'same_purchase' | 'different';

/**
 * The merchant's verdict on a pair. "Same purchase" archives the copy: it is kept, never sent to
 * the supplier. "Different purchases" lets both proceed.
 */
export async function resolveTwin(tenantId: string, twinId: string, resolution: TTwinResolution, actor: TAuditActor, visibleStoreIds: string[] | null): Promise<void> {
  return withTenant(tenantId, async () => {
    await withTransaction(async (sql) => {
      const { rows } = await sql.query<{ copy_order_id: string; original_order_id: string; resolution: string }>(
        `SELECT t.copy_order_id, t.original_order_id, t.resolution FROM order_twins t
           JOIN orders c ON c.tenant_id = t.tenant_id AND c.id = t.copy_order_id
           JOIN orders o ON o.tenant_id = t.tenant_id AND o.id = t.original_order_id
          WHERE t.tenant_id = $1 AND t.id = $2
            AND ($3::text[] IS NULL OR (c.store_id = ANY($3::text[]) AND o.store_id = ANY($3::text[])))
          FOR UPDATE OF t`,
        [tenantId, twinId, visibleStoreIds],
      );
      const twin = rows[0];
      if (!twin) throw notFound('Twin not found');
      if (twin.resolution !== 'pending') throw new AppError('conflict', 'This pair was already resolved');
      await sql.query(`UPDATE order_twins SET resolution = $3::"TwinResolution", resolved_by = $4, resolved_at = now() WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        twinId,
        resolution,
        actor.id,
      ]);
      if (resolution === 'same_purchase') {
        await sql.query(`UPDATE orders SET stage = 'archived', updated_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, twin.copy_order_id]);
      }
      await recordAuditEvent(sql, {
        tenantId,
        actor,
        action: resolution === 'same_purchase' ? 'twin.same_purchase' : 'twin.different',
        subjectType: 'order',
        subjectId: twin.copy_order_id,
        after: { twinId, original: twin.original_order_id },
      });
    });
  });
}

/** Whether an order is one side of a pair nobody has resolved yet. */
export async function findPendingTwinOf(tenantId: string, orderId: string): Promise<{ number: string } | null> {
  const { rows } = await pool().query<{ number: string }>(
    `SELECT other.number FROM order_twins t
       JOIN orders other ON other.tenant_id = t.tenant_id
        AND other.id = CASE WHEN t.copy_order_id = $2 THEN t.original_order_id ELSE t.copy_order_id END
      WHERE t.tenant_id = $1 AND t.resolution = 'pending' AND (t.copy_order_id = $2 OR t.original_order_id = $2)
      LIMIT 1`,
    [tenantId, orderId],
  );
  return rows[0] ?? null;
}
