'use server';

import { revalidatePath } from 'next/cache';
import { actorOf, requirePermission } from '@/lib/auth/require-member';
import { ignoreFailedEvent, retryFailedEvent } from '@/lib/events/resolve-failed-event';

export async function retryEvent(formData: FormData): Promise<void> {
  const member = await requirePermission('events.manage');
  await retryFailedEvent({ tenantId: member.tenantId, visibleStoreIds: member.storeIds, actor: actorOf(member) }, String(formData.get('eventId')));
  revalidatePath('/[locale]/events', 'page');
}

export async function ignoreEvent(formData: FormData): Promise<void> {
  const member = await requirePermission('events.manage');
  await ignoreFailedEvent({ tenantId: member.tenantId, visibleStoreIds: member.storeIds, actor: actorOf(member) }, String(formData.get('eventId')));
  revalidatePath('/[locale]/events', 'page');
}
