-- A SKU search found the lines of a SKU, then read every one of their orders for its placing time
-- to sort them (~600 orders for one SKU at 1M orders in the tenant: ~4 ms of its ~9,
-- bench/results/2026-11-27-notes.md). Each line now carries the placing time of its order, which
-- never changes once the order is recorded, and the SKU index holds it: the search sorts its
-- matches from the index alone and reads only the orders of the page.
-- Workers of an earlier version write lines without this column: stop them before this migration
-- runs (it is not safe across a rolling deploy of the worker).
-- On a big live table, by hand first: add the column, backfill it in batches, add
-- CHECK (placed_at IS NOT NULL) NOT VALID and VALIDATE it (so SET NOT NULL below need not scan
-- the table under its lock), and create the index CONCURRENTLY. One UPDATE of 20M lines took
-- over 20 minutes on a bench machine. The UPDATE below then only fills the lines written since.

-- AlterTable
ALTER TABLE "order_lines" ADD COLUMN IF NOT EXISTS "placed_at" TIMESTAMPTZ(3);

UPDATE "order_lines" l SET "placed_at" = o."placed_at" FROM "orders" o
 WHERE o."tenant_id" = l."tenant_id" AND o."id" = l."order_id" AND l."placed_at" IS NULL;

ALTER TABLE "order_lines" ALTER COLUMN "placed_at" SET NOT NULL;

-- DropIndex
DROP INDEX IF EXISTS "order_lines_tenant_id_sku_idx";

-- CreateIndex
CREATE INDEX IF NOT EXISTS "order_lines_tenant_id_sku_placed_at_order_id_idx" ON "order_lines"("tenant_id", "sku", "placed_at" DESC, "order_id" DESC);

-- The matches come with their placing time, so a search sorts them before it reads any order.
DROP FUNCTION IF EXISTS order_ids_matching(text, text);

CREATE FUNCTION order_ids_matching(p_tenant text, p_pattern text)
  RETURNS TABLE (id text, placed_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public
  ROWS 100
  AS 'SELECT o.id, o.placed_at FROM orders o
       WHERE o.tenant_id = p_tenant
         AND (COALESCE(o.customer_email, '''') || '' '' || COALESCE(o.customer_name, '''')) ILIKE p_pattern
         AND (o.customer_email ILIKE p_pattern OR o.customer_name ILIKE p_pattern)
         AND (p_tenant = app_tenant_id() OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = session_user))
      UNION
      SELECT l.order_id, l.placed_at FROM order_lines l
       WHERE l.tenant_id = p_tenant
         AND l.sku IN (SELECT s.sku FROM order_skus s WHERE s.tenant_id = p_tenant AND s.sku ILIKE p_pattern)
         AND (p_tenant = app_tenant_id() OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = session_user))';
