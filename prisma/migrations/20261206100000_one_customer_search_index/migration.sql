-- A name or email search read two trigram indexes (email, name) and took the union of their
-- matches. At 10M orders each scan took ~60 ms (bench/results/2026-11-27-notes.md). One index over
-- email and name together is read once, and one index fewer is written with every order.
-- The index finds the candidates, each field is then matched on its own, so a search that spans
-- the end of the email and the start of the name finds nothing.
-- On a big live table, create this index CONCURRENTLY by hand first (IF NOT EXISTS skips it here).

-- CreateIndex
CREATE INDEX IF NOT EXISTS "orders_tenant_id_customer_trgm_idx" ON "orders"
  USING GIN ("tenant_id" text_ops, (COALESCE("customer_email", '') || ' ' || COALESCE("customer_name", '')) gin_trgm_ops);

CREATE OR REPLACE FUNCTION order_ids_matching(p_tenant text, p_pattern text)
  RETURNS TABLE (id text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public
  ROWS 100
  AS 'SELECT o.id FROM orders o
       WHERE o.tenant_id = p_tenant
         AND (COALESCE(o.customer_email, '''') || '' '' || COALESCE(o.customer_name, '''')) ILIKE p_pattern
         AND (o.customer_email ILIKE p_pattern OR o.customer_name ILIKE p_pattern)
         AND (p_tenant = app_tenant_id() OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = session_user))
      UNION
      SELECT l.order_id FROM order_lines l
       WHERE l.tenant_id = p_tenant
         AND l.sku IN (SELECT s.sku FROM order_skus s WHERE s.tenant_id = p_tenant AND s.sku ILIKE p_pattern)
         AND (p_tenant = app_tenant_id() OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = session_user))';

-- DropIndex
DROP INDEX IF EXISTS "orders_tenant_id_customer_email_trgm_idx";

-- DropIndex
DROP INDEX IF EXISTS "orders_tenant_id_customer_name_trgm_idx";
