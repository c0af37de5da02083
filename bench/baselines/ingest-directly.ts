import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { TOrderPlan } from '@/bench/lib/plan-orders';
import { countServerCpu } from '@/bench/lib/measure-cpu';

/**
 * Baseline for scenarios 2 and 4: the SQL writes of ingest without web, queue or worker — per
 * delivery one transaction that inserts the event (a repeat stops there), takes the number
 * counter, inserts the order and its lines. `connections` transactions run at once, as many as
 * the worker's pool. Returns orders committed per second, this process' CPU per order and that
 * of Postgres.
 */
export async function ingestDirectly(
  databaseUrl: string,
  tenantId: string,
  plan: TOrderPlan,
  connections: number,
): Promise<{ ordersPerSecond: number; orders: number; cpuMsPerOrder: number; postgresCpuMsPerOrder: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  let next = 0;
  let orders = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const postgresCpu = countServerCpu('postgres');
  const runLane = async () => {
    for (let index = next++; index < plan.deliveries.length; index = next++) {
      if (await writeOne(pool, tenantId, plan.deliveries[index]!)) orders++;
    }
  };
  await Promise.all(Array.from({ length: connections }, runLane));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const postgresCpuMsPerOrder = postgresCpu.perOperation(orders);
  await pool.end();
  return { ordersPerSecond: orders / seconds, orders, cpuMsPerOrder: (cpu.user + cpu.system) / 1000 / orders, postgresCpuMsPerOrder };
}

async function writeOne(pool: pg.Pool, tenantId: string, planned: TOrderPlan['deliveries'][number]): Promise<boolean> {
  const { order } = planned;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const orderId = `ord_${randomUUID()}`;
    const event = await client.query(
      `INSERT INTO webhook_events (tenant_id, id, store_id, platform, topic, dedup_key, headers, raw_body, status, order_id, processed_at)
       VALUES ($1, $2, $3, $4, 'orders/create', $5, '{}', $6, 'PROCESSED', $7, now()) ON CONFLICT (tenant_id, dedup_key) DO NOTHING RETURNING id`,
      [tenantId, `evt_${randomUUID()}`, planned.storeId, planned.platform, `direct:${planned.storeId}:${order.externalId}`, planned.delivery.body, orderId],
    );
    if (!event.rows[0]) {
      await client.query('COMMIT');
      return false;
    }
    const counter = await client.query<{ member_count: number }>(
      `INSERT INTO order_number_counters (tenant_id, source_number, member_count) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, source_number) DO UPDATE SET member_count = order_number_counters.member_count + 1 RETURNING member_count`,
      [tenantId, order.sourceNumber],
    );
    const members = counter.rows[0]!.member_count;
    await client.query(
      `INSERT INTO orders (tenant_id, id, store_id, platform, external_id, source_number, number, status, source_status, currency,
                           total_price, subtotal_price, customer_name, customer_email, shipping_address, placed_at, source_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        tenantId, orderId, planned.storeId, planned.platform, order.externalId, order.sourceNumber,
        members === 1 ? `#${order.sourceNumber}` : `#${order.sourceNumber}-${members}`,
        order.status, order.sourceStatus, order.currency, order.totalPrice, order.subtotalPrice,
        order.customer?.name ?? null, order.customer?.email ?? null,
        order.shippingAddress ? JSON.stringify(order.shippingAddress) : null, order.placedAt, order.sourceUpdatedAt,
      ],
    );
    await client.query(
      `INSERT INTO order_lines (tenant_id, id, order_id, position, sku, title, quantity, unit_price, placed_at)
       SELECT $1, 'lin_' || gen_random_uuid(), $2, line.position, line.sku, line.title, line.quantity, line.unit_price, $8
         FROM unnest($3::int[], $4::text[], $5::text[], $6::int[], $7::numeric[]) AS line(position, sku, title, quantity, unit_price)`,
      [
        tenantId, orderId, order.lines.map((_, index) => index), order.lines.map((line) => line.sku),
        order.lines.map((line) => line.title), order.lines.map((line) => line.quantity), order.lines.map((line) => line.unitPrice),
        order.placedAt,
      ],
    );
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
