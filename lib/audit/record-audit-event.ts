import { createId } from '@/lib/ids';

export type TAuditActor = { type: 'user' | 'api_key' | 'system' | 'platform'; id: string | null };

export type TAuditEventInput = {
  tenantId: string;
  actor: TAuditActor;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
};

type TQueryable = { query: (text: string, values?: unknown[]) => Promise<unknown> };

export const systemActor: TAuditActor = { type: 'system', id: null };

/** Lets recordAuditEvent run inside a Prisma transaction. */
export function prismaExecutor(tx: { $executeRawUnsafe: (query: string, ...values: unknown[]) => Promise<number> }): TQueryable {
  return { query: (text, values) => tx.$executeRawUnsafe(text, ...(values ?? [])) };
}

/**
 * Appends one audit event through a pg client, inside the caller's transaction. Sends its
 * statement at once (not async: it can go out with COMMIT, see commitTogether in lib/db/client.ts).
 */
export function recordAuditEvent(sql: TQueryable, input: TAuditEventInput): Promise<void> {
  return sql.query(
    `INSERT INTO audit_events (tenant_id, id, actor_type, actor_id, action, subject_type, subject_id, before, after)
     VALUES ($1, $2, $3::"ActorType", $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
    [
      input.tenantId,
      createId('aud'),
      input.actor.type,
      input.actor.id,
      input.action,
      input.subjectType,
      input.subjectId,
      input.before === undefined ? null : JSON.stringify(input.before),
      input.after === undefined ? null : JSON.stringify(input.after),
    ],
  ).then(() => undefined);
}
