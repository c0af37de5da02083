import type { TSql } from '@/lib/db/client';

export type TRenumbering = { orderId: string; from: string; to: string };
export type TAllocatedNumber = { number: string; renumbered: TRenumbering | null };

/** The counter row of a channel number as a new order took it, and whether the plain number is held. */
export type TNumberCounter = { memberCount: number; lastSuffix: number; isPlainTaken: boolean };

/**
 * Takes the counter row for (tenant, sourceNumber) for a new order (DESIGN §3), unless the order
 * (store, external id) is already recorded: then nothing is touched and null comes back. So it
 * can go out with recordOrder's lock and lookup in one round trip, behind the lock. INSERT … ON
 * CONFLICT DO UPDATE … RETURNING locks the row until the transaction ends: K orders with one
 * number on many workers queue here and leave as #N-1 … #N-K. Whether the plain number is free
 * rides along. Must run inside the transaction that inserts the order.
 */
export async function takeNumberCounter(
  sql: TSql,
  tenantId: string,
  sourceNumber: string,
  order: { storeId: string; externalId: string },
): Promise<TNumberCounter | null> {
  const { rows } = await sql.query<{ member_count: number; last_suffix: number; is_plain_taken: boolean }>({
    name: 'allocate-number/take-counter',
    text: `WITH counter AS (
       INSERT INTO order_number_counters (tenant_id, source_number, member_count, last_suffix)
       SELECT $1, $2, 1, 0
        WHERE NOT EXISTS (SELECT 1 FROM orders WHERE tenant_id = $1 AND store_id = $4 AND external_id = $5)
       ON CONFLICT (tenant_id, source_number)
       DO UPDATE SET member_count = order_number_counters.member_count + 1
       RETURNING member_count, last_suffix
     )
     SELECT member_count, last_suffix, EXISTS (SELECT 1 FROM orders WHERE tenant_id = $1 AND number = $3) AS is_plain_taken FROM counter`,
    values: [tenantId, sourceNumber, `#${sourceNumber}`, order.storeId, order.externalId],
  });
  const row = rows[0];
  return row ? { memberCount: row.member_count, lastSuffix: row.last_suffix, isPlainTaken: row.is_plain_taken } : null;
}

/**
 * Gives a new order its Order Center number from the counter it took: the plain #N while it is
 * alone, else the next suffix; when a number becomes a group, its first member turns #N-1.
 */
export async function numberFromCounter(sql: TSql, tenantId: string, sourceNumber: string, counter: TNumberCounter): Promise<TAllocatedNumber> {
  const plain = `#${sourceNumber}`;
  const { memberCount, lastSuffix, isPlainTaken } = counter;
  if (memberCount === 1 && !isPlainTaken) return { number: plain, renumbered: null };

  let renumbered: TRenumbering | null = null;
  let after = lastSuffix;
  if (lastSuffix === 0 && memberCount > 1) {
    // The group's first member still shows the plain number: it becomes #N-1.
    const first = await sql.query<{ id: string }>(
      `SELECT id FROM orders WHERE tenant_id = $1 AND number = $2 AND source_number = $3`,
      [tenantId, plain, sourceNumber],
    );
    const firstId = first.rows[0]?.id;
    if (firstId) {
      const suffix = await nextFreeSuffix(sql, tenantId, sourceNumber, 0);
      const to = `${plain}-${suffix}`;
      await sql.query(
        `UPDATE orders SET number = $3, former_numbers = array_append(former_numbers, number), updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, firstId, to],
      );
      renumbered = { orderId: firstId, from: plain, to };
      after = suffix;
    } else {
      after = 1; // the first member is gone; its number is never handed out again
    }
  }
  const suffix = await nextFreeSuffix(sql, tenantId, sourceNumber, after);
  await sql.query(`UPDATE order_number_counters SET last_suffix = $3 WHERE tenant_id = $1 AND source_number = $2`, [
    tenantId,
    sourceNumber,
    suffix,
  ]);
  return { number: `${plain}-${suffix}`, renumbered };
}

/**
 * The next suffix after `after` whose number no order holds. Only a channel number that itself
 * looks suffixed (a WooCommerce "1001-1") can hold one; then the group skips it.
 */
async function nextFreeSuffix(sql: TSql, tenantId: string, sourceNumber: string, after: number): Promise<number> {
  let suffix = after + 1;
  while (await isNumberTaken(sql, tenantId, `#${sourceNumber}-${suffix}`)) suffix++;
  return suffix;
}

async function isNumberTaken(sql: TSql, tenantId: string, number: string): Promise<boolean> {
  const { rowCount } = await sql.query(`SELECT 1 FROM orders WHERE tenant_id = $1 AND number = $2`, [tenantId, number]);
  return (rowCount ?? 0) > 0;
}
