import type { Actor } from '../access/actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/tables.ts';
import { newId } from '../ids.ts';

export interface AuditEvent {
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  /** The office the object belongs to when the actor has none of its own. */
  officeId?: string | null;
}

/** Audit rows are written in the caller's transaction, so a change and its record commit together. */
export function createAudit(clock: Clock) {
  return {
    async record(db: Db, actor: Actor | null, e: AuditEvent): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: newId(),
          office_id: e.officeId ?? actor?.officeId ?? null,
          actor_id: actor?.id ?? null,
          actor_name: actor ? `${actor.displayName}（${actor.username}）` : null,
          action: e.action,
          object_type: e.objectType,
          object_id: e.objectId ?? null,
          before_json: e.before === undefined ? null : JSON.stringify(e.before),
          after_json: e.after === undefined ? null : JSON.stringify(e.after),
          ip: actor?.ip ?? null,
          created_at: clock.iso(),
        })
        .execute();
    },
  };
}
export type Audit = ReturnType<typeof createAudit>;
