'use server';

import { revalidatePath } from 'next/cache';
import { actorOf, requirePermission } from '@/lib/auth/require-member';
import { actionFailure, type TActionResult } from '@/lib/actions/action-result';
import { resolveTwin } from '@/lib/duplicates/resolve-twin';
import { setSkipTikTokOrigin } from '@/lib/duplicates/skip-tiktok-origin';
import { deleteProductMapping, saveProductMapping } from '@/lib/suppliers/product-mappings';
import { sendOrdersToSupplier, type TSendResult } from '@/lib/suppliers/send-to-supplier';

/** Order Center and order page: send the chosen orders to AliExpress. */
export async function sendToSupplier(_previous: TActionResult<TSendResult> | null, formData: FormData): Promise<TActionResult<TSendResult>> {
  try {
    const member = await requirePermission('supplier.place');
    const result = await sendOrdersToSupplier(member.tenantId, member.storeIds, formData.getAll('orderIds').map(String), actorOf(member));
    revalidatePath('/[locale]/orders', 'layout');
    return { ok: true, value: result };
  } catch (error) {
    return actionFailure(error);
  }
}

/** Twin orders: the merchant's verdict on one pair. */
export async function decideTwin(formData: FormData): Promise<void> {
  const member = await requirePermission('supplier.place');
  const resolution = formData.get('resolution') === 'same_purchase' ? 'same_purchase' : 'different';
  await resolveTwin(member.tenantId, String(formData.get('twinId')), resolution, actorOf(member), member.storeIds);
  revalidatePath('/[locale]', 'layout');
}

/** Supplier › Product mappings: add or change one SKU's AliExpress product. */
export async function saveMapping(_previous: TActionResult<{ sku: string }> | null, formData: FormData): Promise<TActionResult<{ sku: string }>> {
  try {
    const member = await requirePermission('supplier.map');
    const sku = String(formData.get('sku') ?? '');
    await saveProductMapping(member.tenantId, actorOf(member), {
      sku,
      productId: String(formData.get('productId') ?? ''),
      skuAttr: String(formData.get('skuAttr') ?? ''),
      logisticsService: String(formData.get('logisticsService') ?? ''),
    });
    revalidatePath('/[locale]/supplier', 'page');
    return { ok: true, value: { sku: sku.trim() } };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function deleteMapping(formData: FormData): Promise<void> {
  const member = await requirePermission('supplier.map');
  await deleteProductMapping(member.tenantId, actorOf(member), String(formData.get('sku')));
  revalidatePath('/[locale]/supplier', 'page');
}

/** Stores: skip (or record again) the TikTok Shop orders a Shopify store brings in. */
export async function setSkipTikTokOriginOrders(formData: FormData): Promise<void> {
  const member = await requirePermission('stores.manage');
  await setSkipTikTokOrigin(member.tenantId, String(formData.get('storeId')), formData.get('skip') === '1', actorOf(member));
  revalidatePath('/[locale]/stores', 'page');
}
