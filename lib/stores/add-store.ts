import { z } from 'zod';
import type { TAuditActor } from '@/lib/audit/record-audit-event';
import { normalizeShopDomain } from '@/lib/stores/route-key';
import { insertStore } from '@/lib/stores/connect-store';

export const ZAddStoreInput = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('shopify'),
    shopDomain: z
      .string()
      .transform(normalizeShopDomain)
      .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be a *.myshopify.com domain')),
    name: z.string().min(1).max(200).optional(),
    accessToken: z.string().min(1).optional(),
  }),
  z.object({
    platform: z.literal('woocommerce'),
    siteUrl: z.string().url().transform((url) => url.replace(/\/+$/, '')),
    webhookSecret: z.string().min(8, 'must be at least 8 characters'),
    consumerKey: z.string().min(1).optional(),
    consumerSecret: z.string().min(1).optional(),
    name: z.string().min(1).max(200).optional(),
  }),
  z.object({
    platform: z.literal('tiktok'),
    shopId: z.string().regex(/^\d{1,32}$/, 'must be the numeric shop id'),
    shopCipher: z.string().min(1),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    name: z.string().min(1).max(200).optional(),
  }),
]);
export type TAddStoreInput = z.input<typeof ZAddStoreInput>;

function defaultName(input: z.infer<typeof ZAddStoreInput>): string {
  if (input.platform === 'shopify') return input.shopDomain.replace(/\.myshopify\.com$/, '');
  if (input.platform === 'woocommerce') return new URL(input.siteUrl).host;
  return `TikTok Shop ${input.shopId}`;
}

/** Adds a store to a tenant (ops CLI) and claims its webhook route; a shop belongs to one tenant only. */
export async function addStore(tenantId: string, rawInput: TAddStoreInput, actor: TAuditActor): Promise<{ storeId: string }> {
  const input = ZAddStoreInput.parse(rawInput);
  const storeId = await insertStore(
    tenantId,
    {
      platform: input.platform,
      name: input.name ?? defaultName(input),
      shopDomain: input.platform === 'shopify' ? input.shopDomain : null,
      siteUrl: input.platform === 'woocommerce' ? input.siteUrl : null,
      shopId: input.platform === 'tiktok' ? input.shopId : null,
      shopCipher: input.platform === 'tiktok' ? input.shopCipher : null,
      credentials: {
        accessToken: 'accessToken' in input ? input.accessToken : undefined,
        refreshToken: 'refreshToken' in input ? input.refreshToken : undefined,
        webhookSecret: input.platform === 'woocommerce' ? input.webhookSecret : undefined,
        consumerKey: input.platform === 'woocommerce' ? input.consumerKey : undefined,
        consumerSecret: input.platform === 'woocommerce' ? input.consumerSecret : undefined,
      },
    },
    actor,
    'store.added',
  );
  return { storeId };
}
