'use server';

import { revalidatePath } from 'next/cache';
import { actorOf, requirePermission } from '@/lib/auth/require-member';
import { acceptInvitation, createInvitation, revokeInvitation } from '@/lib/tenancy/invitations';
import { actionFailure as failure, type TActionResult } from '@/lib/actions/action-result';

/** Settings › Invite: returns the invitation token; the page shows the link to pass on. */
export async function inviteMember(_previous: TActionResult<{ token: string }> | null, formData: FormData): Promise<TActionResult<{ token: string }>> {
  try {
    const member = await requirePermission('members.manage');
    const { token } = await createInvitation(member.tenantId, actorOf(member), {
      role: String(formData.get('role')) as 'staff' | 'support',
      storeIds: formData.getAll('storeIds').map(String),
    });
    revalidatePath('/[locale]/settings', 'page');
    return { ok: true, value: { token } };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeInvite(formData: FormData): Promise<void> {
  const member = await requirePermission('members.manage');
  await revokeInvitation(member.tenantId, actorOf(member), String(formData.get('invitationId')));
  revalidatePath('/[locale]/settings', 'page');
}

export async function acceptInvite(token: string, _previous: TActionResult | null, formData: FormData): Promise<TActionResult> {
  try {
    await acceptInvitation(token, {
      name: String(formData.get('name') ?? ''),
      email: String(formData.get('email') ?? ''),
      password: String(formData.get('password') ?? ''),
    });
    return { ok: true, value: undefined };
  } catch (error) {
    return failure(error);
  }
}
