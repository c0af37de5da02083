-- Row-level security: a second wall behind the tenant_id in every query. The web app and the
-- worker connect as a role without BYPASSRLS (created by `npm start` / `npm test`, see
-- scripts/lib/app-role.mjs) and name their tenant at the start of each transaction:
-- SET LOCAL app.tenant_id = '<tenant>'. A query without a tenant sees no tenant's rows. The owner
-- (migrations, the ops CLI, the lookups across tenants) is not subject to these policies.
-- A table added later with a tenant_id needs the same two statements (a test checks it).

CREATE OR REPLACE FUNCTION app_tenant_id() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS 'SELECT nullif(current_setting(''app.tenant_id'', true), '''')';

ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenants" USING ("id" = app_tenant_id()) WITH CHECK ("id" = app_tenant_id());

ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "memberships" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "membership_stores" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "membership_stores" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invitations" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "stores" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stores" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "store_syncs" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "store_syncs" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "data_requests" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "data_requests" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "store_routes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "store_routes" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "webhook_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "webhook_events" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "orders" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "order_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_lines" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "order_skus" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_skus" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "order_number_counters" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_number_counters" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "audit_events" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "api_keys" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "supplier_accounts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "supplier_accounts" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "supplier_product_mappings" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "supplier_product_mappings" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "supplier_order_attempts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "supplier_order_attempts" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "supplier_orders" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "supplier_orders" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());

ALTER TABLE "order_twins" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_twins" USING ("tenant_id" = app_tenant_id()) WITH CHECK ("tenant_id" = app_tenant_id());
