-- Substring search under row-level security. ILIKE is not a leakproof operator, so where a policy
-- applies Postgres evaluates the policy first and cannot use the trigram indexes for it: a search
-- of a big tenant became a scan of all its orders. This function belongs to the owner (not
-- subject to the policies) and finds the matching orders through the indexes, for the tenant of
-- the caller's own transaction only (or any tenant for a caller who may read them all anyway).

CREATE OR REPLACE FUNCTION order_ids_matching(p_tenant text, p_pattern text)
  RETURNS TABLE (id text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public
  ROWS 100
  AS 'SELECT o.id FROM orders o
       WHERE o.tenant_id = p_tenant AND o.customer_email ILIKE p_pattern
         AND (p_tenant = app_tenant_id() OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = session_user))
      UNION
      SELECT o.id FROM orders o
       WHERE o.tenant_id = p_tenant AND o.customer_name ILIKE p_pattern
         AND (p_tenant = app_tenant_id() OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = session_user))
      UNION
      SELECT l.order_id FROM order_lines l
       WHERE l.tenant_id = p_tenant
         AND l.sku IN (SELECT s.sku FROM order_skus s WHERE s.tenant_id = p_tenant AND s.sku ILIKE p_pattern)
         AND (p_tenant = app_tenant_id() OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = session_user))';
