-- CreateEnum
CREATE TYPE "SupplierAccountStatus" AS ENUM ('active', 'switched_out', 'needs_reconnection');

-- CreateEnum
CREATE TYPE "SupplierOrderStatus" AS ENUM ('awaiting_payment', 'awaiting_shipment', 'shipped', 'delivered', 'cancelled', 'unknown');

-- CreateEnum
CREATE TYPE "TwinConfidence" AS ENUM ('certain', 'probable');

-- CreateEnum
CREATE TYPE "TwinResolution" AS ENUM ('pending', 'same_purchase', 'different');

-- AlterEnum
ALTER TYPE "OrderStage" ADD VALUE 'archived';

-- AlterTable
ALTER TABLE "stores" ADD COLUMN     "skip_tiktok_origin" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "supplier_accounts" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL DEFAULT 'aliexpress',
    "external_user_id" TEXT NOT NULL,
    "account_name" TEXT,
    "credentials" TEXT,
    "status" "SupplierAccountStatus" NOT NULL DEFAULT 'active',
    "linked_by" TEXT,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "switched_out_at" TIMESTAMPTZ(3),

    CONSTRAINT "supplier_accounts_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "supplier_product_mappings" (
    "tenant_id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "sku_attr" TEXT,
    "logistics_service" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supplier_product_mappings_pkey" PRIMARY KEY ("tenant_id","sku")
);

-- CreateTable
CREATE TABLE "supplier_order_attempts" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "request" JSONB NOT NULL,
    "external_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "supplier_order_attempts_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "supplier_orders" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "attempt_id" TEXT NOT NULL,
    "external_order_id" TEXT NOT NULL,
    "status" "SupplierOrderStatus" NOT NULL DEFAULT 'awaiting_payment',
    "status_raw" TEXT,
    "logistics_status_raw" TEXT,
    "amount" DECIMAL(20,4),
    "currency" TEXT,
    "tracking_numbers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "carrier" TEXT,
    "last_polled_at" TIMESTAMPTZ(3),
    "tracking_pushed_at" TIMESTAMPTZ(3),
    "push_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supplier_orders_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "order_twins" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "original_order_id" TEXT NOT NULL,
    "copy_order_id" TEXT NOT NULL,
    "confidence" "TwinConfidence" NOT NULL,
    "resolution" "TwinResolution" NOT NULL DEFAULT 'pending',
    "resolved_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_twins_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "supplier_order_attempts_tenant_id_order_id_idx" ON "supplier_order_attempts"("tenant_id", "order_id");

-- CreateIndex
CREATE INDEX "supplier_orders_tenant_id_order_id_idx" ON "supplier_orders"("tenant_id", "order_id");

-- CreateIndex
CREATE INDEX "supplier_orders_tenant_id_account_id_status_idx" ON "supplier_orders"("tenant_id", "account_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "supplier_orders_tenant_id_external_order_id_key" ON "supplier_orders"("tenant_id", "external_order_id");

-- CreateIndex
CREATE INDEX "order_twins_tenant_id_copy_order_id_idx" ON "order_twins"("tenant_id", "copy_order_id");

-- CreateIndex
CREATE INDEX "order_twins_tenant_id_resolution_idx" ON "order_twins"("tenant_id", "resolution");

-- CreateIndex
CREATE UNIQUE INDEX "order_twins_tenant_id_original_order_id_copy_order_id_key" ON "order_twins"("tenant_id", "original_order_id", "copy_order_id");

-- AddForeignKey
ALTER TABLE "supplier_accounts" ADD CONSTRAINT "supplier_accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_product_mappings" ADD CONSTRAINT "supplier_product_mappings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_order_attempts" ADD CONSTRAINT "supplier_order_attempts_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_orders" ADD CONSTRAINT "supplier_orders_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_orders" ADD CONSTRAINT "supplier_orders_tenant_id_account_id_fkey" FOREIGN KEY ("tenant_id", "account_id") REFERENCES "supplier_accounts"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_twins" ADD CONSTRAINT "order_twins_tenant_id_original_order_id_fkey" FOREIGN KEY ("tenant_id", "original_order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_twins" ADD CONSTRAINT "order_twins_tenant_id_copy_order_id_fkey" FOREIGN KEY ("tenant_id", "copy_order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One active AliExpress account per tenant (partial: switched-out accounts stay). Not expressible in schema.prisma.
CREATE UNIQUE INDEX "supplier_accounts_one_active_idx" ON "supplier_accounts"("tenant_id") WHERE "status" = 'active';

-- Twin detection: the direct TikTok order by its id, and probable twins by total within hours.
CREATE INDEX "orders_tenant_id_external_id_idx" ON "orders"("tenant_id", "external_id");
CREATE INDEX "orders_tenant_id_total_price_placed_at_idx" ON "orders"("tenant_id", "total_price", "placed_at");
