import { pool } from '@/lib/db/client';
import { waitFor } from '@/tests/support/wait';

export type TOrderSnapshot = {
  id: string;
  number: string;
  source_number: string;
  former_numbers: string[];
  external_id: string;
  status: string;
  total_price: string;
  customer_name: string | null;
  customer_email: string | null;
  origin_platform: string | null;
  origin_external_id: string | null;
  source_updated_at: Date;
  deleted_at: Date | null;
};

export async function findOrders(tenantId: string): Promise<TOrderSnapshot[]> {
  const { rows } = await pool().query<TOrderSnapshot>(
    `SELECT id, number, source_number, former_numbers, external_id, status, total_price::text, customer_name, customer_email,
            origin_platform, origin_external_id, source_updated_at, deleted_at
       FROM orders WHERE tenant_id = $1 ORDER BY created_at, number`,
    [tenantId],
  );
  return rows;
}

export async function findLinesOf(tenantId: string, orderId: string) {
  const { rows } = await pool().query<{ sku: string | null; title: string; quantity: number; unit_price: string }>(
    `SELECT sku, title, quantity, unit_price::text FROM order_lines WHERE tenant_id = $1 AND order_id = $2 ORDER BY position`,
    [tenantId, orderId],
  );
  return rows;
}

export async function findEvents(tenantId: string) {
  const { rows } = await pool().query<{ id: string; status: string; topic: string; attempts: number; last_error: string | null; order_id: string | null }>(
    `SELECT id, status, topic, attempts, last_error, order_id FROM webhook_events WHERE tenant_id = $1 ORDER BY received_at`,
    [tenantId],
  );
  return rows;
}

/** Waits until no event of the tenant is waiting for the worker, then returns its orders. */
export async function settledOrders(tenantId: string, expectedEvents?: number, timeoutMs = 20_000): Promise<TOrderSnapshot[]> {
  await waitFor(
    async () => {
      const events = await findEvents(tenantId);
      if (expectedEvents !== undefined && events.length < expectedEvents) return false;
      return events.every((event) => ['PROCESSED', 'IGNORED', 'FAILED'].includes(event.status));
    },
    'the worker to process every event',
    timeoutMs,
  );
  return findOrders(tenantId);
}
