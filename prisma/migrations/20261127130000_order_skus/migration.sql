-- A SKU substring search ran a trigram scan over every order line (11M lines: ~110 ms, and the
-- SKUs of a catalogue share most of their trigrams). Searching the distinct SKUs of the tenant
-- first, then its lines by exact SKU through order_lines_tenant_id_sku_idx, takes a few ms
-- (bench/results), and line inserts no longer feed a trigram index.

-- CreateTable
CREATE TABLE "order_skus" (
    "tenant_id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,

    CONSTRAINT "order_skus_pkey" PRIMARY KEY ("tenant_id","sku")
);

-- CreateIndex
CREATE INDEX "order_skus_tenant_id_sku_trgm_idx" ON "order_skus" USING GIN ("tenant_id" text_ops, "sku" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "order_skus" ADD CONSTRAINT "order_skus_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The SKUs of the lines already stored.
INSERT INTO "order_skus" ("tenant_id", "sku")
SELECT DISTINCT "tenant_id", "sku" FROM "order_lines" WHERE "sku" IS NOT NULL
ON CONFLICT DO NOTHING;
