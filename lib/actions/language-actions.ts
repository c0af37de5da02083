'use server';

import { revalidatePath } from 'next/cache';
import { currentMember } from '@/lib/auth/current-member';
import { actorOf, requirePermission } from '@/lib/auth/require-member';
import { setTenantLanguage, setUserLanguage } from '@/lib/tenancy/set-language';

/** The language drop-down: stored for the member, applied now and at every sign-in. */
export async function saveMyLanguage(locale: string): Promise<void> {
  const member = await currentMember();
  if (!member) return; // before sign-in the browser's language decides, nothing to store
  await setUserLanguage(member.userId, locale);
}

/** Settings › Merchant language (owners and support). */
export async function saveMerchantLanguage(formData: FormData): Promise<void> {
  const member = await requirePermission('language.manage');
  await setTenantLanguage(member.tenantId, actorOf(member), String(formData.get('locale') ?? ''));
  revalidatePath('/[locale]/settings', 'page');
}
