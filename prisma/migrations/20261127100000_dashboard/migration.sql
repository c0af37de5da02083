-- CreateEnum
CREATE TYPE "OrderStage" AS ENUM ('to_order', 'awaiting_supplier', 'shipped', 'completed', 'cancelled');

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "attention_reason" TEXT,
ADD COLUMN     "stage" "OrderStage" NOT NULL DEFAULT 'to_order';

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "locale" TEXT;

-- CreateTable
CREATE TABLE "membership_stores" (
    "tenant_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "store_id" TEXT NOT NULL,

    CONSTRAINT "membership_stores_pkey" PRIMARY KEY ("tenant_id","user_id","store_id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "tenant_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "store_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "token_hash" TEXT NOT NULL,
    "invited_by" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by" TEXT,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "last_request" BIGINT NOT NULL,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "invitations_token_hash_idx" ON "invitations"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_tenant_id_token_hash_key" ON "invitations"("tenant_id", "token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "rate_limits_key_key" ON "rate_limits"("key");

-- CreateIndex
CREATE INDEX "orders_tenant_id_stage_placed_at_id_idx" ON "orders"("tenant_id", "stage", "placed_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "membership_stores" ADD CONSTRAINT "membership_stores_tenant_id_user_id_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "memberships"("tenant_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership_stores" ADD CONSTRAINT "membership_stores_tenant_id_store_id_fkey" FOREIGN KEY ("tenant_id", "store_id") REFERENCES "stores"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The Needs attention tab (partial: only flagged orders are indexed). Not expressible in schema.prisma.
CREATE INDEX "orders_attention_idx" ON "orders"("tenant_id", "placed_at" DESC, "id" DESC) WHERE "attention_reason" IS NOT NULL;

-- Orders recorded before stages existed take the stage their channel status implies.
UPDATE "orders" SET "stage" = (CASE
    WHEN "status" IN ('cancelled', 'refunded') THEN 'cancelled'
    WHEN "source_status" IN ('completed', 'DELIVERED', 'COMPLETED') THEN 'completed'
    WHEN "status" IN ('fulfilled', 'partially_fulfilled') THEN 'shipped'
    ELSE 'to_order'
  END)::"OrderStage";
