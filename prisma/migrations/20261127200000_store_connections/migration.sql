-- CreateTable
CREATE TABLE "store_syncs" (
    "tenant_id" TEXT NOT NULL,
    "store_id" TEXT NOT NULL,
    "backfill_status" TEXT NOT NULL DEFAULT 'pending',
    "backfill_done" INTEGER NOT NULL DEFAULT 0,
    "backfill_total" INTEGER,
    "backfill_cursor" TEXT,
    "backfill_since" TIMESTAMPTZ(3),
    "backfill_started_at" TIMESTAMPTZ(3),
    "backfill_finished_at" TIMESTAMPTZ(3),
    "backfill_error" TEXT,
    "reconcile_watermark" TIMESTAMPTZ(3),
    "reconcile_last_at" TIMESTAMPTZ(3),
    "reconcile_last_recovered" INTEGER NOT NULL DEFAULT 0,
    "reconcile_last_error" TEXT,

    CONSTRAINT "store_syncs_pkey" PRIMARY KEY ("tenant_id","store_id")
);

-- CreateTable
CREATE TABLE "data_requests" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "store_id" TEXT NOT NULL,
    "customer_email" TEXT,
    "export" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_requests_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "data_requests_tenant_id_created_at_idx" ON "data_requests"("tenant_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "store_syncs" ADD CONSTRAINT "store_syncs_tenant_id_store_id_fkey" FOREIGN KEY ("tenant_id", "store_id") REFERENCES "stores"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_requests" ADD CONSTRAINT "data_requests_tenant_id_store_id_fkey" FOREIGN KEY ("tenant_id", "store_id") REFERENCES "stores"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

