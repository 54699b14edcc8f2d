import { type ClaimCommand, type ClaimStatus, claimLifecycle } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { OrgScope } from '../access/policy.ts';
import type { ClaimTable, Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { claimRepository } from '../repositories/claim.repository.ts';
import type { Audit } from './audit.service.ts';
import { move } from './lifecycle-move.ts';

/** A claim in the caller's scope, or 404. */
export async function requireClaim(db: Db, scope: OrgScope, id: string) {
  const claim = await claimRepository.findInScope(db, scope, id);
  if (!claim) throw new AppError('NOT_FOUND');
  return claim;
}

/** Moves a claim by one command of its core lifecycle (see `move`). */
export async function moveClaim(
  trx: Db,
  audit: Audit,
  actor: Actor | null,
  claim: { id: string; status: string; office_id: string },
  command: ClaimCommand,
  patch: Partial<ClaimTable> & { updated_at: string },
  why: Record<string, unknown> = {},
): Promise<ClaimStatus> {
  return move(trx, audit, actor, {
    lifecycle: claimLifecycle,
    table: 'claim',
    row: claim as { id: string; status: ClaimStatus; office_id: string },
    command,
    patch,
    why,
  });
}
