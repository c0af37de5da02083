import type { TSql } from '@/lib/db/client';

export type TRenumbering = { orderId: string; from: string; to: string };
export type TAllocatedNumber = { number: string; renumbered: TRenumbering | null };

/**
 * Gives a new order its Order Center number (DESIGN §3). The counter row for
 * (tenant, sourceNumber) is taken with INSERT … ON CONFLICT DO UPDATE … RETURNING, which locks it
 * until the caller's transaction ends: K orders with one number on many workers queue here and
 * leave as #N-1 … #N-K. Must run inside the transaction that inserts the order.
 */
export async function allocateNumber(sql: TSql, tenantId: string, sourceNumber: string): Promise<TAllocatedNumber> {
  const plain = `#${sourceNumber}`;
  // Whether the plain number is free rides along with the counter: one round trip, not two.
  const { rows } = await sql.query<{ member_count: number; last_suffix: number; is_plain_taken: boolean }>({
    name: 'allocate-number/take-counter',
    text: `WITH counter AS (
       INSERT INTO order_number_counters (tenant_id, source_number, member_count, last_suffix)
       VALUES ($1, $2, 1, 0)
       ON CONFLICT (tenant_id, source_number)
       DO UPDATE SET member_count = order_number_counters.member_count + 1
       RETURNING member_count, last_suffix
     )
     SELECT member_count, last_suffix, EXISTS (SELECT 1 FROM orders WHERE tenant_id = $1 AND number = $3) AS is_plain_taken FROM counter`,
    values: [tenantId, sourceNumber, plain],
  });
  const { member_count: memberCount, last_suffix: lastSuffix, is_plain_taken: isPlainTaken } = rows[0]!;

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
