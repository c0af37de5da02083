-- Probable twins are found by their recipient. The search used to take the orders of other stores
-- with the same total within two hours and compare recipients in the worker: in a flash sale at
-- one price that is every order of those hours, the LIMIT cut the list before the real twin, and
-- the lines of each candidate were read for nothing (the costliest statement in the ingest of an
-- order, bench/results/2026-11-27-notes.md). The worker now stores a digest of the normalized
-- recipient it compares with, and the search asks for it through an index.

ALTER TABLE "orders" ADD COLUMN "recipient_key" TEXT;

-- The orders already here, normalized as the worker does (lib/duplicates/detect-twins.ts): NFKD,
-- combining marks dropped, lower case, letters and digits only, then the SHA-256 digest in hex.
UPDATE "orders" o
   SET "recipient_key" = encode(sha256(convert_to(k.key, 'UTF8')), 'hex')
  FROM (SELECT tenant_id, id,
               regexp_replace(lower(regexp_replace(normalize(coalesce(customer_name, shipping_address ->> 'name', ''), NFKD), '[\u0300-\u036f]', '', 'g') COLLATE "C"), '[^a-z0-9]', '', 'g') || '|' ||
               regexp_replace(lower(regexp_replace(normalize(coalesce(shipping_address ->> 'postalCode', ''), NFKD), '[\u0300-\u036f]', '', 'g') COLLATE "C"), '[^a-z0-9]', '', 'g') || '|' ||
               regexp_replace(lower(regexp_replace(normalize(coalesce(shipping_address ->> 'address1', ''), NFKD), '[\u0300-\u036f]', '', 'g') COLLATE "C"), '[^a-z0-9]', '', 'g') AS key
          FROM "orders") k
 WHERE o.tenant_id = k.tenant_id AND o.id = k.id AND k.key <> '||'
   AND EXISTS (SELECT 1 FROM "order_lines" l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id);

DROP INDEX "orders_tenant_id_total_price_placed_at_idx";
CREATE INDEX "orders_tenant_id_recipient_key_placed_at_idx" ON "orders"("tenant_id", "recipient_key", "placed_at");
