'use server';

import { currentMember } from '@/lib/auth/current-member';
import { preferredLocaleOf } from '@/lib/tenancy/set-language';

/** Where to go right after signing in: the member's language (or the merchant's), home page. */
export async function landingPathAfterSignIn(currentLocale: string): Promise<string> {
  const member = await currentMember();
  if (!member) return `/${currentLocale}/login`;
  return `/${await preferredLocaleOf(member.userId, currentLocale)}/home`;
}
