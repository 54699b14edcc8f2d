import { type ClaimCommand, type ClaimStatus, claimTransition } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { OrgScope } from '../access/policy.ts';
import type { ClaimTable, Db } from '../db/tables.ts';
import { AppError, unwrap } from '../http/app-error.ts';
import { claimRepository } from '../repositories/claim.repository.ts';
import type { Audit } from './audit.service.ts';

/** A claim in the caller's scope, or 404. */
export async function requireClaim(db: Db, scope: OrgScope, id: string) {
  const claim = await claimRepository.findInScope(db, scope, id);
  if (!claim) throw new AppError('NOT_FOUND');
  return claim;
}

/**
 * Moves a claim by one command of the core state machine and records who did it and why, in the caller's
 * transaction. The update is conditional on the status that was read, so of two concurrent moves one wins and the
 * other is answered 409 INVALID_TRANSITION.
 */
export async function moveClaim(
  trx: Db,
  audit: Audit,
  actor: Actor | null,
  claim: { id: string; status: string; office_id: string },
  command: ClaimCommand,
  patch: Partial<ClaimTable> & { updated_at: string },
  why: Record<string, unknown> = {},
): Promise<ClaimStatus> {
  const from = claim.status as ClaimStatus;
  const to = unwrap(claimTransition(from, command));
  const moved = await claimRepository.transition(trx, claim.id, from, to, patch);
  if (!moved) throw new AppError('INVALID_TRANSITION', { from, command, reason: 'concurrent' });
  await audit.record(trx, actor, {
    action: `claim.${command}`,
    objectType: 'claim',
    objectId: claim.id,
    officeId: claim.office_id,
    before: { status: from },
    after: { status: to, ...why },
  });
  return to;
}
