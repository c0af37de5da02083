import { pool, withTransaction } from '@/lib/db/client';
import { withAdvisoryLock } from '@/lib/db/advisory-lock';
import { createId } from '@/lib/ids';
import { logger } from '@/lib/log';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import type { TAddress } from '@/lib/orders/canonical-order';
import type { TOrderStage } from '@/lib/orders/order-filters';
import { stageAfterSupplier } from '@/lib/orders/order-stage';
import { findPendingTwinOf } from '@/lib/duplicates/resolve-twin';
import { loadActiveSupplierAccount, markSupplierAccountNeedsReconnection } from '@/lib/suppliers/supplier-accounts';
import { placeAliExpressOrder, type TAliExpressItem, type TPlacementRequest } from '@/lib/suppliers/aliexpress/place-aliexpress-order';
import { SupplierAuthorizationError } from '@/lib/suppliers/aliexpress/aliexpress-api';
import { openStoreCredentials } from '@/lib/stores/store-credentials';

export type TPlaceOutcome =
  | { kind: 'placed'; externalIds: string[] }
  | { kind: 'already_placed' }
  | { kind: 'refused'; reason: string; detail?: string }
  | { kind: 'busy' };

type TOrderToPlace = { stage: TOrderStage; status: string; shipping_address: TAddress | null; customer_phone: string | null; number: string };

/** Why an order cannot go to the supplier now, checked before any attempt is recorded. */
export async function refusalFor(tenantId: string, orderId: string, order: TOrderToPlace): Promise<{ reason: string; detail?: string } | null> {
  if (order.stage === 'archived') return { reason: 'archived' };
  if (order.stage === 'cancelled' || order.status === 'cancelled' || order.status === 'refunded') return { reason: 'cancelled' };
  const twin = await findPendingTwinOf(tenantId, orderId);
  if (twin) return { reason: 'twin_pending', detail: twin.number };
  if (!order.shipping_address?.address1 || !order.shipping_address.countryCode) return { reason: 'address_missing' };
  return null;
}

export async function flagSupplierAttention(tenantId: string, orderId: string, reason: string): Promise<void> {
  await pool().query(`UPDATE orders SET attention_reason = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, orderId, reason.slice(0, 1000)]);
}

/** The items to buy: each line through its SKU's mapping, same product and variant summed. */
async function itemsFor(tenantId: string, orderId: string): Promise<{ items: TAliExpressItem[]; unmapped: string[] }> {
  const { rows } = await pool().query<{ sku: string | null; title: string; quantity: number; product_id: string | null; sku_attr: string | null; logistics_service: string | null }>(
    `SELECT l.sku, l.title, l.quantity, m.product_id, m.sku_attr, m.logistics_service
       FROM order_lines l
       LEFT JOIN supplier_product_mappings m ON m.tenant_id = l.tenant_id AND m.sku = l.sku
      WHERE l.tenant_id = $1 AND l.order_id = $2 AND l.quantity > 0 ORDER BY l.position`,
    [tenantId, orderId],
  );
  const unmapped = rows.filter((row) => !row.product_id).map((row) => row.sku ?? row.title);
  const items = new Map<string, TAliExpressItem>();
  for (const row of rows) {
    if (!row.product_id) continue;
    const key = `${row.product_id}|${row.sku_attr ?? ''}`;
    const existing = items.get(key);
    if (existing) existing.quantity += row.quantity;
    else items.set(key, { productId: row.product_id, skuAttr: row.sku_attr, quantity: row.quantity, logisticsService: row.logistics_service });
  }
  return { items: [...items.values()], unmapped };
}

/**
 * Sends one hub order to the supplier, exactly once. The attempt is committed before the call;
 * the call happens under an advisory lock on the order; its answer is recorded in one transaction.
 * If the process dies in between, the next try finds the pending attempt and calls again with the
 * same request: AliExpress answers REPEATED_ORDER_ERROR, and the placement stands as it was.
 */
export async function placeSupplierOrder(tenantId: string, orderId: string, actor: TAuditActor): Promise<TPlaceOutcome> {
  const outcome = await withAdvisoryLock(`place-supplier-order:${tenantId}:${orderId}`, async (): Promise<TPlaceOutcome> => {
    const { rows } = await pool().query<TOrderToPlace>(
      `SELECT stage, status, shipping_address, customer_phone, number FROM orders WHERE tenant_id = $1 AND id = $2`,
      [tenantId, orderId],
    );
    const order = rows[0];
    if (!order) return { kind: 'refused', reason: 'not_found' };
    const attempts = await pool().query<{ id: string; status: string; account_id: string; request: TPlacementRequest }>(
      `SELECT id, status, account_id, request FROM supplier_order_attempts WHERE tenant_id = $1 AND order_id = $2 AND status IN ('placed', 'pending') ORDER BY created_at`,
      [tenantId, orderId],
    );
    if (attempts.rows.some((attempt) => attempt.status === 'placed')) return { kind: 'already_placed' };

    let attempt = attempts.rows.find((candidate) => candidate.status === 'pending');
    const account = await loadActiveSupplierAccount(tenantId);
    if (!attempt) {
      const refusal = await refusalFor(tenantId, orderId, order);
      if (refusal) return { kind: 'refused', ...refusal };
      if (!account) return { kind: 'refused', reason: 'no_supplier_account' };
      const { items, unmapped } = await itemsFor(tenantId, orderId);
      if (unmapped.length || !items.length) {
        await flagSupplierAttention(tenantId, orderId, `supplier_mapping_missing: ${unmapped.join(', ')}`);
        return { kind: 'refused', reason: 'mapping_missing', detail: unmapped.join(', ') };
      }
      const id = createId('att');
      const request: TPlacementRequest = {
        outOrderId: id,
        memo: `Order hub ${order.number} (${id})`,
        address: { ...order.shipping_address!, phone: order.shipping_address!.phone ?? order.customer_phone },
        items,
      };
      await pool().query(
        `INSERT INTO supplier_order_attempts (tenant_id, id, order_id, account_id, status, request, created_by) VALUES ($1, $2, $3, $4, 'pending', $5::jsonb, $6)`,
        [tenantId, id, orderId, account.id, JSON.stringify(request), actor.id],
      );
      attempt = { id, status: 'pending', account_id: account.id, request };
    }
    // A pending attempt always replays with the account it was made for; a switched-out account
    // can still answer REPEATED_ORDER_ERROR for what it already has.
    const accessToken = account && account.id === attempt.account_id ? account.accessToken : await tokenOfAccount(tenantId, attempt.account_id);
    if (!accessToken) return { kind: 'refused', reason: 'no_supplier_account' };

    let result;
    try {
      result = await placeAliExpressOrder(accessToken, attempt.request);
    } catch (error) {
      if (error instanceof SupplierAuthorizationError) {
        // A token a refresh has just replaced: the job tries again (the attempt stays pending).
        if (!(await markSupplierAccountNeedsReconnection(tenantId, attempt.account_id, error.message, accessToken))) throw new Error('The AliExpress token was replaced while in use; trying again');
        await flagSupplierAttention(tenantId, orderId, `supplier_failed: ${error.message}`);
        return { kind: 'refused', reason: 'no_supplier_account' };
      }
      throw error; // a timeout or a 5xx: the attempt stays pending and the job retries
    }
    return recordPlacement(tenantId, orderId, attempt.id, attempt.account_id, order.stage, result, actor);
  });
  return outcome ?? { kind: 'busy' };
}

async function tokenOfAccount(tenantId: string, accountId: string): Promise<string | null> {
  const { rows } = await pool().query<{ credentials: string | null }>(`SELECT credentials FROM supplier_accounts WHERE tenant_id = $1 AND id = $2`, [tenantId, accountId]);
  return openStoreCredentials(rows[0]?.credentials ?? null).accessToken ?? null;
}

async function recordPlacement(
  tenantId: string,
  orderId: string,
  attemptId: string,
  accountId: string,
  stage: TOrderStage,
  result: Awaited<ReturnType<typeof placeAliExpressOrder>>,
  actor: TAuditActor,
): Promise<TPlaceOutcome> {
  if (result.kind === 'refused') {
    await withTransaction(async (sql) => {
      await sql.query(`UPDATE supplier_order_attempts SET status = 'failed', error = $3, completed_at = now() WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        attemptId,
        `${result.code}: ${result.message}`.slice(0, 1000),
      ]);
      await sql.query(`UPDATE orders SET attention_reason = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, orderId, `supplier_failed: ${result.code} ${result.message}`.slice(0, 1000)]);
      await recordAuditEvent(sql, { tenantId, actor, action: 'supplier_order.refused', subjectType: 'order', subjectId: orderId, after: { code: result.code, message: result.message } });
    });
    return { kind: 'refused', reason: 'supplier_refused', detail: `${result.code}: ${result.message}` };
  }
  await withTransaction(async (sql) => {
    for (const externalId of result.externalIds) {
      await sql.query(
        `INSERT INTO supplier_orders (tenant_id, id, order_id, account_id, attempt_id, external_order_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, external_order_id) DO NOTHING`,
        [tenantId, createId('spo'), orderId, accountId, attemptId, externalId],
      );
    }
    await sql.query(`UPDATE supplier_order_attempts SET status = 'placed', external_ids = $3, completed_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      attemptId,
      result.externalIds,
    ]);
    await sql.query(
      `UPDATE orders SET stage = $3::"OrderStage", updated_at = now(),
              attention_reason = CASE WHEN $4 THEN 'supplier_unconfirmed' WHEN attention_reason LIKE 'supplier_%' THEN NULL ELSE attention_reason END
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, orderId, stageAfterSupplier(stage, 'awaiting_supplier'), result.externalIds.length === 0],
    );
    await recordAuditEvent(sql, {
      tenantId,
      actor,
      action: 'supplier_order.placed',
      subjectType: 'order',
      subjectId: orderId,
      after: { supplierOrderIds: result.externalIds, replayed: result.kind === 'repeated' },
    });
  });
  if (result.kind === 'repeated') logger.info({ orderId, attemptId, externalIds: result.externalIds }, 'a replayed placement found its earlier supplier order');
  return { kind: 'placed', externalIds: result.externalIds };
}

/** Whether a placement was started and has no answer yet (queued, or waiting to be replayed). */
export async function hasPendingSupplierAttempt(tenantId: string, orderId: string): Promise<boolean> {
  const { rowCount } = await pool().query(`SELECT 1 FROM supplier_order_attempts WHERE tenant_id = $1 AND order_id = $2 AND status = 'pending' LIMIT 1`, [tenantId, orderId]);
  return Boolean(rowCount);
}
