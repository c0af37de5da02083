import { z } from 'zod';
import { hashPassword } from 'better-auth/crypto';
import { db } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant-scope';
import { AppError } from '@/lib/errors/app-error';
import { createId } from '@/lib/ids';
import { isUniqueViolation } from '@/lib/api/error-response';

export const ZCreateTenantInput = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(8, 'must be at least 8 characters').max(128),
  userName: z.string().trim().min(1).max(200).optional(),
});
export type TCreateTenantInput = z.input<typeof ZCreateTenantInput>;

/**
 * Creates a merchant account with its owner. The password is stored the way the sign-in library
 * (better-auth) expects: a credential account holding its own scrypt hash.
 */
export async function createTenant(rawInput: TCreateTenantInput): Promise<{ tenantId: string; userId: string }> {
  const input = ZCreateTenantInput.parse(rawInput);
  const tenantId = createId('ten');
  const userId = createId('usr');
  const passwordHash = await hashPassword(input.password);
  try {
    await withTenant(tenantId, () =>
      db().$transaction([
        db().tenant.create({ data: { id: tenantId, name: input.name } }),
        db().user.create({ data: { id: userId, name: input.userName ?? input.name, email: input.email, emailVerified: true } }),
        db().account.create({
          data: { id: createId('acc'), accountId: userId, providerId: 'credential', userId, password: passwordHash },
        }),
        db().membership.create({ data: { tenantId, userId, role: 'owner' } }),
      ]),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `A user with the email ${input.email} already exists`);
    throw error;
  }
  return { tenantId, userId };
}
