import { can, isOfficeRole, type Permission } from '@huzhu/core';
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { Database } from '../db/tables.ts';
import type { Actor } from './actor.ts';

/**
 * The one place where scope is decided (product.md §1): office staff → their office; agency staff → units whose
 * agency is theirs and those units' members; unit agent → their unit and its members; member → self.
 * The office is the tenant boundary: nothing here ever matches a row of another office.
 * Objects outside scope are answered with 404, never 403, so their existence is not disclosed.
 */
export interface OrgScope {
  officeId: string;
  agencyId: string | null;
  unitId: string | null;
  memberId: string | null;
}

/**
 * What a member-app session (its own cookie, `actor.kind === 'member'`) may do — always on its own rows, which
 * scopeOf narrows to its bound member. The console role `member` itself has no permission.
 */
export const memberAppPermissions: readonly Permission[] = ['policy.read', 'claim.read', 'claim.create'];

export function requirePermission(actor: Actor, permission: Permission): void {
  const allowed = actor.kind === 'member' ? memberAppPermissions.includes(permission) : can(actor.role, permission);
  if (!allowed) throw new AppError('FORBIDDEN', { permission });
}

/** The organisation scope of an actor, or a 404 when it has none (the national viewer reads no business rows). */
export function scopeOf(actor: Actor): OrgScope {
  if (!actor.officeId) throw new AppError('NOT_FOUND');
  if (isOfficeRole(actor.role)) return { officeId: actor.officeId, agencyId: null, unitId: null, memberId: null };
  switch (actor.role) {
    case 'agency_staff':
      return { officeId: actor.officeId, agencyId: actor.agencyId ?? '-', unitId: null, memberId: null };
    case 'unit_agent':
      return { officeId: actor.officeId, agencyId: actor.agencyId ?? '-', unitId: actor.unitId ?? '-', memberId: null };
    case 'member':
      return { officeId: actor.officeId, agencyId: null, unitId: null, memberId: actor.memberId ?? '-' };
    default:
      throw new AppError('NOT_FOUND');
  }
}

const never = sql<SqlBool>`1 = 0`;

export function agencyInScope(eb: ExpressionBuilder<Database, 'agency'>, s: OrgScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('agency.office_id', '=', s.officeId)];
  if (s.memberId) parts.push(never);
  if (s.agencyId) parts.push(eb('agency.id', '=', s.agencyId));
  return eb.and(parts);
}

export function unitInScope(eb: ExpressionBuilder<Database, 'unit'>, s: OrgScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('unit.office_id', '=', s.officeId)];
  if (s.memberId) parts.push(never);
  if (s.agencyId) parts.push(eb('unit.agency_id', '=', s.agencyId));
  if (s.unitId) parts.push(eb('unit.id', '=', s.unitId));
  return eb.and(parts);
}

export function memberInScope(eb: ExpressionBuilder<Database, 'member'>, s: OrgScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('member.office_id', '=', s.officeId)];
  if (s.memberId) parts.push(eb('member.id', '=', s.memberId));
  if (s.unitId) parts.push(eb('member.unit_id', '=', s.unitId));
  else if (s.agencyId) {
    const agencyId = s.agencyId;
    parts.push(
      eb(
        'member.unit_id',
        'in',
        eb
          .selectFrom('unit')
          .select('unit.id')
          .where('unit.office_id', '=', s.officeId)
          .where('unit.agency_id', '=', agencyId),
      ),
    );
  }
  return eb.and(parts);
}

/**
 * Claims are seen through the unit and agency recorded at filing (a later transfer of the member does not move them);
 * a claim of a member without a unit is seen by the office (and the member).
 */
export function claimInScope(eb: ExpressionBuilder<Database, 'claim'>, s: OrgScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('claim.office_id', '=', s.officeId)];
  if (s.memberId) parts.push(eb('claim.member_id', '=', s.memberId));
  if (s.unitId) parts.push(eb('claim.unit_id', '=', s.unitId));
  else if (s.agencyId) parts.push(eb('claim.agency_id', '=', s.agencyId));
  return eb.and(parts);
}

/** Whether a unit with this agency lies in scope (used before writing a new unit or moving one). */
export function agencyIdInScope(s: OrgScope, agencyId: string): boolean {
  if (s.memberId || s.unitId) return false;
  return s.agencyId === null || s.agencyId === agencyId;
}

/** The scope of a report: permission 'report.read' (office and agency staff), then the caller's organisation scope. */
export function reportScope(actor: Actor): OrgScope {
  requirePermission(actor, 'report.read');
  return scopeOf(actor);
}

/**
 * The agency a report covers for this caller: office staff choose (or take the whole office), agency staff always
 * get their own — asking for another agency is answered as not found, like every out-of-scope object.
 */
export function reportAgency(scope: OrgScope, asked: string | undefined): string | null {
  if (scope.agencyId === null) return asked ?? null;
  if (asked !== undefined && asked !== scope.agencyId) throw new AppError('NOT_FOUND', { agencyId: asked });
  return scope.agencyId;
}

/** Agency staff see the campaigns that cover their agency (all-agency ones included); office staff see all. */
export function campaignInScope(scope: OrgScope, agencyIds: readonly string[]): boolean {
  return scope.agencyId === null || agencyIds.length === 0 || agencyIds.includes(scope.agencyId);
}

/**
 * Relief applications are seen like claims: through the unit and agency recorded at filing; one of a member without
 * a unit (or an office batch) is seen by the office.
 */
export function reliefInScope(eb: ExpressionBuilder<Database, 'relief_application'>, s: OrgScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('relief_application.office_id', '=', s.officeId)];
  if (s.memberId) parts.push(eb('relief_application.member_id', '=', s.memberId));
  if (s.unitId) parts.push(eb('relief_application.unit_id', '=', s.unitId));
  else if (s.agencyId) parts.push(eb('relief_application.agency_id', '=', s.agencyId));
  return eb.and(parts);
}

/** Hardship files are seen through the agency (and unit) of the member when the file was opened. */
export function hardshipInScope(eb: ExpressionBuilder<Database, 'hardship_file'>, s: OrgScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('hardship_file.office_id', '=', s.officeId)];
  if (s.memberId) parts.push(eb('hardship_file.member_id', '=', s.memberId));
  if (s.unitId) parts.push(eb('hardship_file.unit_id', '=', s.unitId));
  else if (s.agencyId) parts.push(eb('hardship_file.agency_id', '=', s.agencyId));
  return eb.and(parts);
}
