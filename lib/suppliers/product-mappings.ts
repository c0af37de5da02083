import { z } from 'zod';
import { db, pool } from '@/lib/db/client';
import { notFound } from '@/lib/errors/app-error';
import { recordAuditEvent, type TAuditActor } from '@/lib/audit/record-audit-event';
import { withTenant } from '@/lib/db/tenant-scope';

// Which AliExpress product and variant a store SKU is bought as. Remembered per tenant: map a
// SKU once, every later order with it can go to the supplier.

export const ZProductMapping = z.object({
  sku: z.string().trim().min(1).max(255),
  productId: z.string().trim().regex(/^\d{5,20}$/, 'must be the numeric AliExpress product id'),
  skuAttr: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((value) => value || null),
  logisticsService: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((value) => value || null),
});

export async function saveProductMapping(tenantId: string, actor: TAuditActor, input: z.input<typeof ZProductMapping>): Promise<void> {
  return withTenant(tenantId, async () => {
    const mapping = ZProductMapping.parse(input);
    await db().supplierProductMapping.upsert({
      where: { tenantId_sku: { tenantId, sku: mapping.sku } },
      create: { tenantId, ...mapping },
      update: { productId: mapping.productId, skuAttr: mapping.skuAttr, logisticsService: mapping.logisticsService },
    });
    await recordAuditEvent(pool(), { tenantId, actor, action: 'supplier_mapping.saved', subjectType: 'supplier_mapping', subjectId: mapping.sku, after: mapping });
  });
}

export async function deleteProductMapping(tenantId: string, actor: TAuditActor, sku: string): Promise<void> {
  return withTenant(tenantId, async () => {
    const deleted = await db().supplierProductMapping.deleteMany({ where: { tenantId, sku } });
    if (!deleted.count) throw notFound('Mapping not found');
    await recordAuditEvent(pool(), { tenantId, actor, action: 'supplier_mapping.deleted', subjectType: 'supplier_mapping', subjectId: sku });
  });
}

export async function listProductMappings(tenantId: string) {
  return db().supplierProductMapping.findMany({ where: { tenantId }, orderBy: { sku: 'asc' } });
}

/** The SKUs of the tenant's orders that have no mapping yet, most frequent first. */
export async function listUnmappedSkus(tenantId: string, limit = 50): Promise<Array<{ sku: string; title: string; orders: number }>> {
  const { rows } = await pool().query<{ sku: string; title: string; orders: number }>(
    `SELECT l.sku, min(l.title) AS title, count(DISTINCT l.order_id)::int AS orders
       FROM order_lines l
       JOIN orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
      WHERE l.tenant_id = $1 AND l.sku IS NOT NULL AND o.stage = 'to_order'
        AND NOT EXISTS (SELECT 1 FROM supplier_product_mappings m WHERE m.tenant_id = l.tenant_id AND m.sku = l.sku)
      GROUP BY l.sku ORDER BY orders DESC, l.sku LIMIT $2`,
    [tenantId, limit],
  );
  return rows;
}
