import { redirect } from 'next/navigation';
import { can, currentMember, type TMember, type TPermission } from '@/lib/auth/current-member';
import { AppError } from '@/lib/errors/app-error';

/** The signed-in member, or a redirect to the sign-in page. */
export async function requireMember(locale: string): Promise<TMember> {
  const member = await currentMember();
  if (!member) redirect(`/${locale}/login`);
  return member;
}

/** For server actions: the member if allowed, else an error (a missing session is 401, a missing right 403). */
export async function requirePermission(permission: TPermission): Promise<TMember> {
  const member = await currentMember();
  if (!member) throw new AppError('unauthorized', 'Sign in again');
  if (!can(member, permission)) throw new AppError('forbidden', 'Your role does not allow this');
  return member;
}

export function actorOf(member: TMember) {
  return { type: 'user' as const, id: member.userId };
}
