import type { Lifecycle } from '@huzhu/core';
import type { Updateable } from 'kysely';
import type { Actor } from '../access/actor.ts';
import type { Database, Db } from '../db/tables.ts';
import { AppError, unwrap } from '../errors.ts';
import { type LifecycleTable, lifecycleRepository } from '../repositories/lifecycle.repository.ts';
import type { Audit } from './audit.service.ts';

export interface Movable<S extends string> {
  id: string;
  status: S;
  office_id: string;
}

/**
 * The one move of every lifecycle (claims, batches, payouts, relief, gig enrolments): the core table decides the
 * next state, a conditional update writes it (a concurrent second move gets 409 INVALID_TRANSITION, never a repeat)
 * and the audit row `<lifecycle>.<command>` records who moved it, from where to where and why — all in the caller's
 * transaction.
 */
export async function move<S extends string, C extends string, T extends LifecycleTable>(
  trx: Db,
  audit: Audit,
  actor: Actor | null,
  op: {
    lifecycle: Lifecycle<S, C>;
    table: T;
    row: Movable<S>;
    command: C;
    patch?: Updateable<Database[T]>;
    why?: Record<string, unknown>;
    /** Audit action prefix when it differs from the lifecycle's name (kept for existing audit trails). */
    action?: string;
  },
): Promise<S> {
  const { lifecycle, table, row, command } = op;
  const to = unwrap(lifecycle.transition(row.status, command));
  const moved = await lifecycleRepository.transition(
    trx,
    table,
    row.id,
    row.status,
    to,
    op.patch ?? ({} as Updateable<Database[T]>),
  );
  if (!moved) throw new AppError('INVALID_TRANSITION', { from: row.status, command, reason: 'concurrent' });
  await audit.record(trx, actor, {
    action: `${op.action ?? lifecycle.name}.${command}`,
    objectType: table,
    objectId: row.id,
    officeId: row.office_id,
    before: { status: row.status },
    after: { status: to, ...(op.why ?? {}) },
  });
  return to;
}
