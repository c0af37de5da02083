import { pool, systemPool, withTransaction } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { TOrderStage } from '@/lib/orders/order-filters';
import { stageAfterSupplier } from '@/lib/orders/order-stage';
import { pushTrackingToChannel } from '@/lib/fulfillment/push-tracking';
import { loadActiveSupplierAccount, markSupplierAccountNeedsReconnection } from '@/lib/suppliers/supplier-accounts';
import { SupplierAuthorizationError } from '@/lib/suppliers/aliexpress/aliexpress-api';
import { fetchAliExpressOrder, type TSupplierStatus } from '@/lib/suppliers/aliexpress/fetch-aliexpress-order';

type TSupplierOrderRow = {
  id: string;
  order_id: string;
  external_order_id: string;
  status: TSupplierStatus;
  tracking_numbers: string[];
  tracking_pushed_at: Date | null;
  stage: TOrderStage;
  store_id: string;
  external_id: string;
};

const hubStageFor: Partial<Record<TSupplierStatus, 'awaiting_supplier' | 'shipped' | 'completed'>> = {
  awaiting_payment: 'awaiting_supplier',
  awaiting_shipment: 'awaiting_supplier',
  shipped: 'shipped',
  delivered: 'completed',
};

export type TSupplierSyncResult = { polled: number; pushed: number; failedPushes: number };

/**
 * Polls the tenant's open supplier orders — those of the ACTIVE account only; a switched-out
 * account's orders stay as they were — moves each hub order along, and sends new tracking back
 * to the channel. A failed push is kept, shown in Needs attention, and tried again next time.
 */
export async function syncSupplierOrders(tenantId: string): Promise<TSupplierSyncResult> {
  const result: TSupplierSyncResult = { polled: 0, pushed: 0, failedPushes: 0 };
  const account = await loadActiveSupplierAccount(tenantId);
  if (!account) return result;
  const { rows } = await pool().query<TSupplierOrderRow>(
    `SELECT s.id, s.order_id, s.external_order_id, s.status, s.tracking_numbers, s.tracking_pushed_at, o.stage, o.store_id, o.external_id
       FROM supplier_orders s JOIN orders o ON o.tenant_id = s.tenant_id AND o.id = s.order_id
      WHERE s.tenant_id = $1 AND s.account_id = $2
        AND (s.status NOT IN ('delivered', 'cancelled') OR (cardinality(s.tracking_numbers) > 0 AND s.tracking_pushed_at IS NULL))
      ORDER BY s.last_polled_at NULLS FIRST LIMIT 500`,
    [tenantId, account.id],
  );
  for (const row of rows) {
    let state;
    try {
      state = await fetchAliExpressOrder(account.accessToken, row.external_order_id);
    } catch (error) {
      if (error instanceof SupplierAuthorizationError) {
        // Either the account needs reconnecting, or a refresh replaced the token: the next sync uses the new one.
        await markSupplierAccountNeedsReconnection(tenantId, account.id, error.message, account.accessToken);
        return result;
      }
      logger.warn({ err: error, supplierOrderId: row.id }, 'could not poll a supplier order');
      continue;
    }
    result.polled++;
    const target = hubStageFor[state.status];
    await withTransaction(async (sql) => {
      await sql.query(
        `UPDATE supplier_orders SET status = $3::"SupplierOrderStatus", status_raw = $4, logistics_status_raw = $5, amount = COALESCE($6::numeric, amount),
                currency = COALESCE($7, currency), tracking_numbers = $8, carrier = $9, last_polled_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, row.id, state.status, state.statusRaw, state.logisticsStatusRaw, state.amount, state.currency, state.trackingNumbers, state.carrier],
      );
      if (target) {
        const next = stageAfterSupplier(row.stage, target);
        if (next !== row.stage) {
          await sql.query(`UPDATE orders SET stage = $3::"OrderStage", updated_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, row.order_id, next]);
          await recordAuditEvent(sql, { tenantId, actor: { type: 'system', id: 'supplier-sync' }, action: 'order.stage_changed', subjectType: 'order', subjectId: row.order_id, before: { stage: row.stage }, after: { stage: next, supplierStatus: state.statusRaw } });
        }
      }
    });
    if (state.trackingNumbers.length && !row.tracking_pushed_at) {
      try {
        await pushTrackingToChannel({ tenantId, storeId: row.store_id, externalId: row.external_id }, { numbers: state.trackingNumbers, carrier: state.carrier });
        await withTransaction(async (sql) => {
          await sql.query(`UPDATE supplier_orders SET tracking_pushed_at = now(), push_error = NULL WHERE tenant_id = $1 AND id = $2`, [tenantId, row.id]);
          await sql.query(`UPDATE orders SET attention_reason = NULL WHERE tenant_id = $1 AND id = $2 AND attention_reason LIKE 'tracking_push_failed%'`, [tenantId, row.order_id]);
          await recordAuditEvent(sql, { tenantId, actor: { type: 'system', id: 'supplier-sync' }, action: 'order.tracking_sent', subjectType: 'order', subjectId: row.order_id, after: { trackingNumbers: state.trackingNumbers, carrier: state.carrier } });
        });
        result.pushed++;
      } catch (error) {
        result.failedPushes++;
        const reason = (error as Error).message.slice(0, 500);
        await pool().query(`UPDATE supplier_orders SET push_error = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, row.id, reason]);
        await pool().query(`UPDATE orders SET attention_reason = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, row.order_id, `tracking_push_failed: ${reason}`]);
      }
    }
  }
  return result;
}

/** Tenants with an active supplier account: the scheduler's view, across tenants. */
export async function unsafeListTenantsWithSupplier(): Promise<string[]> {
  const { rows } = await systemPool().query<{ tenant_id: string }>(`SELECT tenant_id FROM supplier_accounts WHERE status = 'active'`);
  return rows.map((row) => row.tenant_id);
}
