import {
  type AssignTargetsBody,
  blankExpansionRow,
  type ContactBody,
  type ExpansionCandidate,
  type ExpansionReport,
  type ExpansionSource,
  type ExpansionStatus,
  type ExpansionTarget,
  expansionColumns,
  expansionLifecycle,
  LOW_SHARES_PER_MEMBER,
  type ReportSheet,
  targetOutcome,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import {
  agencyIdInScope,
  campaignInScope,
  reportAgency,
  reportScope,
  requirePermission,
  scopeOf,
} from '../access/policy.ts';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import type { ServiceDeps } from './service-deps.ts';
import { uniqueViolationCode } from '../db/unique-violation.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { expansionRepository as repo } from '../repositories/expansion.repository.ts';
import { campaignRepository } from '../repositories/report-campaign.repository.ts';
import { reportRepository } from '../repositories/report.repository.ts';
import { move } from './lifecycle-move.ts';
import { requireReportAgency } from './report-claims.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'reader' | 'clock' | 'audit'>;
type TargetDb = NonNullable<Awaited<ReturnType<typeof repo.targetInScope>>>;

/** Units scanned per request when ranking low-shares candidates (the agency's enrolled units, biggest first). */
const LOW_SHARES_SCAN = 5_000;

/**
 * Assignees answer in one list, not paged: an agency has a handful of active staff, an office a few hundred at most.
 * This is the explicit ceiling of that picker (docs/decisions.md, "Every list pages").
 */
export const ASSIGNEES_MAX = 500;

/**
 * Targeted expansion (精准扩面): candidates from the not-enrolled list and the units with low shares per member; an
 * agency (or the office) assigns target units to agency staff of the unit's agency, each with the unit's term on the
 * day as its baseline; every visit or call is logged with its outcome (a declined one with its reason); the report
 * counts, per agency, the targets of a period and how many of them enrolled or upgraded by coverage.
 */
export function createExpansionService({ db, reader, clock, audit }: Deps) {
  const manage = (actor: Actor) => {
    requirePermission(actor, 'expansion.manage');
    return scopeOf(actor);
  };
  const toTarget = (t: TargetDb): ExpansionTarget => ({
    id: t.id,
    unitId: t.unit_id,
    unitName: t.unit_name,
    headcount: Number(t.headcount),
    agencyId: t.agency_id,
    agencyName: t.agency_name,
    assigneeId: t.assignee_id,
    assigneeName: t.assignee_name ?? '',
    source: t.source as ExpansionSource,
    status: t.status as ExpansionStatus,
    baseline: {
      members: Number(t.baseline_members),
      shares: Number(t.baseline_shares),
      products: Number(t.baseline_products),
    },
    assignedOn: t.assigned_on,
    lastContactOn: t.last_contact_on,
    contacts: Number(t.contacts),
    note: t.note,
  });

  async function one(actor: Actor, id: string) {
    const scope = manage(actor);
    const t = await repo.targetInScope(db, scope, id);
    if (!t) throw new AppError('NOT_FOUND');
    const history = await repo.contactsOf(db, scope.officeId, id);
    return {
      ...toTarget(t),
      history: history.map((c) => ({
        id: c.id,
        contactedOn: c.contacted_on,
        method: c.method as 'visit' | 'call',
        outcome: c.outcome as 'interested' | 'declined' | 'enrolled',
        reason: c.reason,
        note: c.note,
        userName: c.user_name,
        createdAt: c.created_at,
      })),
    };
  }

  return {
    async candidates(
      actor: Actor,
      q: {
        source: ExpansionSource;
        agencyId?: string;
        q?: string;
        maxSharesPerMember?: number;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = manage(actor);
      if (q.agencyId && !agencyIdInScope(scope, q.agencyId)) throw new AppError('NOT_FOUND', { agencyId: q.agencyId });
      const today = clock.today();
      let page: { items: Awaited<ReturnType<typeof repo.units>>['items']; total: number };
      let snaps: Map<string, { members: number; shares: number; products: number }>;
      if (q.source === 'not_enrolled') {
        page = await repo.units(reader, scope, {
          agencyId: q.agencyId,
          q: q.q,
          enrolledOn: today,
          enrolled: false,
          limit: q.pageSize,
          offset: (q.page - 1) * q.pageSize,
        });
        snaps = new Map();
      } else {
        // Enrolled units ranked by headcount, filtered to those at or below the ceiling, then paged.
        const ceiling = q.maxSharesPerMember ?? LOW_SHARES_PER_MEMBER;
        const all = await repo.units(reader, scope, {
          agencyId: q.agencyId,
          q: q.q,
          enrolledOn: today,
          enrolled: true,
          limit: LOW_SHARES_SCAN,
          offset: 0,
        });
        snaps = await repo.snapshots(
          reader,
          scope.officeId,
          all.items.map((u) => u.id),
          today,
        );
        const low = all.items.filter((u) => {
          const s = snaps.get(u.id);
          return s !== undefined && s.members > 0 && s.shares <= ceiling * s.members;
        });
        page = { items: low.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: low.length };
      }
      const targets = await repo.targetsOfUnits(
        reader,
        scope.officeId,
        page.items.map((u) => u.id),
      );
      const targetOf = new Map(targets.map((t) => [t.unit_id, t.id]));
      const items: ExpansionCandidate[] = page.items.map((u) => {
        const s = snaps.get(u.id) ?? { members: 0, shares: 0, products: 0 };
        return {
          unitId: u.id,
          name: u.name,
          agencyId: u.agency_id,
          agencyName: u.agency_name,
          category: u.category,
          headcount: Number(u.headcount),
          members: s.members,
          shares: s.shares,
          sharesPerMember: s.members > 0 ? s.shares / s.members : null,
          products: s.products,
          targetId: targetOf.get(u.id) ?? null,
        };
      });
      return { items, total: page.total, page: q.page, pageSize: q.pageSize };
    },

    /** Assigns units (all or none) to one agency staff member of their agency; a unit already targeted is refused. */
    async assign(actor: Actor, body: AssignTargetsBody) {
      const scope = manage(actor);
      const unitIds = [...new Set(body.unitIds)];
      const today = clock.today();
      try {
        return await db.transaction().execute(async (trx) => {
          const units = await trx
            .selectFrom('unit')
            .select(['id', 'name', 'agency_id'])
            .where('office_id', '=', scope.officeId)
            .where('id', 'in', unitIds)
            .$if(scope.agencyId !== null, (q) => q.where('agency_id', '=', scope.agencyId!))
            .execute();
          if (units.length !== unitIds.length) throw new AppError('NOT_FOUND', { field: 'unitIds' });
          const assignee = await trx
            .selectFrom('app_user')
            .select(['id', 'agency_id', 'role', 'disabled', 'display_name'])
            .where('office_id', '=', scope.officeId)
            .where('id', '=', body.assigneeId)
            .executeTakeFirst();
          if (!assignee || (scope.agencyId !== null && assignee.agency_id !== scope.agencyId))
            throw new AppError('NOT_FOUND', { field: 'assigneeId' });
          if (assignee.role !== 'agency_staff' || assignee.disabled)
            throw new AppError('VALIDATION_FAILED', {
              field: 'assigneeId',
              message: '目标单位只能分派给在职的代办处经办人',
            });
          const foreign = units.filter((u) => u.agency_id !== assignee.agency_id);
          if (foreign.length > 0)
            throw new AppError('VALIDATION_FAILED', {
              field: 'unitIds',
              message: `以下单位不属于经办人所在代办处：${foreign.map((u) => u.name).join('、')}`,
            });
          const taken = await repo.targetsOfUnits(trx, scope.officeId, unitIds);
          if (taken.length > 0) {
            const names = units.filter((u) => taken.some((t) => t.unit_id === u.id)).map((u) => u.name);
            throw new AppError(
              'CONFLICT',
              { field: 'unitIds', unitIds: taken.map((t) => t.unit_id) },
              `以下单位已是扩面目标：${names.join('、')}`,
            );
          }
          const snaps = await repo.snapshots(trx, scope.officeId, unitIds, today);
          const ids: string[] = [];
          for (const u of units) {
            const s = snaps.get(u.id) ?? { members: 0, shares: 0, products: 0 };
            const row = {
              id: newId(),
              office_id: scope.officeId,
              agency_id: u.agency_id,
              unit_id: u.id,
              assignee_id: assignee.id,
              source: body.source,
              status: 'assigned',
              baseline_members: s.members,
              baseline_shares: s.shares,
              baseline_products: s.products,
              assigned_on: today,
              assigned_by: actor.id,
              note: body.note ?? null,
              last_contact_on: null,
              contacts: 0,
              created_at: clock.iso(),
            };
            await repo.insertTarget(trx, row);
            await audit.record(trx, actor, {
              action: 'expansion_target.assign',
              objectType: 'expansion_target',
              objectId: row.id,
              after: { unitId: u.id, assigneeId: assignee.id, source: body.source, baseline: s },
            });
            ids.push(row.id);
          }
          return { created: ids.length, ids };
        });
      } catch (e) {
        if (uniqueViolationCode(e) !== null)
          throw new AppError('CONFLICT', { field: 'unitIds' }, '所选单位已是扩面目标');
        throw e;
      }
    },

    async targets(
      actor: Actor,
      q: {
        status?: ExpansionStatus;
        agencyId?: string;
        assigneeId?: string;
        q?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = manage(actor);
      if (q.agencyId && !agencyIdInScope(scope, q.agencyId)) throw new AppError('NOT_FOUND', { agencyId: q.agencyId });
      const { items, total } = await repo.targets(reader, scope, q, q.page, q.pageSize);
      return { items: items.map(toTarget), total, page: q.page, pageSize: q.pageSize };
    },

    get: one,

    /** Who targets can be assigned to: active agency staff of the caller's agency (office: of the agency asked). */
    async assignees(actor: Actor, asked: string | undefined) {
      const scope = manage(actor);
      if (asked && !agencyIdInScope(scope, asked)) throw new AppError('NOT_FOUND', { agencyId: asked });
      const agencyId = scope.agencyId ?? asked ?? null;
      const rows = await db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'agency_id'])
        .where('office_id', '=', scope.officeId)
        .where('role', '=', 'agency_staff')
        .where('disabled', '=', 0)
        .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
        .orderBy('display_name')
        .orderBy('id')
        .limit(ASSIGNEES_MAX)
        .execute();
      return rows.map((u) => ({ id: u.id, name: u.display_name, agencyId: u.agency_id }));
    },

    /** Logs a visit or call; the target takes its outcome as status (enrolled ends it). */
    async contact(actor: Actor, id: string, body: ContactBody) {
      const scope = manage(actor);
      await db.transaction().execute(async (trx) => {
        const t = await repo.targetInScope(trx, scope, id);
        if (!t) throw new AppError('NOT_FOUND');
        if (body.contactedOn > clock.today())
          throw new AppError('VALIDATION_FAILED', { field: 'contactedOn', message: '联系日期不能晚于今天' });
        if (body.contactedOn < t.assigned_on)
          throw new AppError('VALIDATION_FAILED', {
            field: 'contactedOn',
            message: `联系日期不能早于分派日期（${t.assigned_on}）`,
          });
        const contactId = newId();
        await repo.insertContact(trx, {
          id: contactId,
          office_id: scope.officeId,
          target_id: id,
          contacted_on: body.contactedOn,
          method: body.method,
          outcome: body.outcome,
          reason: body.reason ?? null,
          note: body.note ?? null,
          user_id: actor.id,
          user_name: actor.displayName,
          created_at: clock.iso(),
        });
        await move(trx, audit, actor, {
          lifecycle: expansionLifecycle,
          table: 'expansion_target',
          row: { id, status: t.status as ExpansionStatus, office_id: t.office_id },
          command: body.outcome,
          patch: {
            contacts: Number(t.contacts) + 1,
            last_contact_on:
              t.last_contact_on && t.last_contact_on > body.contactedOn ? t.last_contact_on : body.contactedOn,
          },
          why: { contactId, method: body.method, contactedOn: body.contactedOn, reason: body.reason ?? null },
        });
      });
      return one(actor, id);
    },

    /** `GET /reports/expansion`: targets assigned in the period per agency, and what became of them by coverage. */
    async report(
      actor: Actor,
      q: { from?: string; to?: string; campaignId?: string; agencyId?: string },
    ): Promise<ExpansionReport> {
      const scope = reportScope(actor);
      const agencyId = reportAgency(scope, q.agencyId);
      await requireReportAgency(reader, scope.officeId, agencyId);
      const today = clock.today();
      let from = q.from ?? `${today.slice(0, 4)}-01-01`;
      let to = q.to ?? today;
      if (q.campaignId) {
        const c = await campaignRepository.find(reader, scope.officeId, q.campaignId);
        if (!c || !campaignInScope(scope, JSON.parse(c.agency_ids_json) as string[]))
          throw new AppError('NOT_FOUND', { campaignId: q.campaignId });
        from = c.start_date;
        to = c.end_date;
      }
      if (from > to) throw new AppError('VALIDATION_FAILED', { field: 'from', message: '开始日期不能晚于结束日期' });
      const asOf = to < today ? to : today;
      const [targets, names] = await Promise.all([
        repo.targetsAssigned(reader, scope.officeId, from, to, agencyId),
        reportRepository.agencyNames(reader, scope.officeId),
      ]);
      const snaps = await repo.snapshots(
        reader,
        scope.officeId,
        targets.map((t) => t.unit_id),
        asOf,
      );
      const rows = new Map<string, ReturnType<typeof blankExpansionRow>>();
      const rowOf = (id: string) => {
        let r = rows.get(id);
        if (!r) {
          r = blankExpansionRow(id, names.get(id) ?? '');
          rows.set(id, r);
        }
        return r;
      };
      if (agencyId !== null) rowOf(agencyId);
      else for (const id of names.keys()) if (id !== '') rowOf(id);
      for (const t of targets) {
        const r = rowOf(t.agency_id);
        r.targeted += 1;
        const n = Number(t.contacts);
        r.contacts += n;
        if (n > 0) r.contacted += 1;
        if (t.status === 'interested') r.interested += 1;
        if (t.status === 'declined') r.declined += 1;
        if (t.status === 'enrolled') r.reportedEnrolled += 1;
        const outcome = targetOutcome(
          {
            members: Number(t.baseline_members),
            shares: Number(t.baseline_shares),
            products: Number(t.baseline_products),
          },
          snaps.get(t.unit_id) ?? { members: 0, shares: 0, products: 0 },
        );
        if (outcome === 'enrolled') r.enrolled += 1;
        if (outcome === 'upgraded') r.upgraded += 1;
      }
      const list = [...rows.values()].sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh'));
      const total = blankExpansionRow('', '合计');
      for (const r of list)
        for (const k of [
          'targeted',
          'contacted',
          'contacts',
          'interested',
          'declined',
          'reportedEnrolled',
          'enrolled',
          'upgraded',
        ] as const)
          total[k] += r[k];
      for (const r of [...list, total])
        r.conversionShare = r.targeted === 0 ? null : (r.enrolled + r.upgraded) / r.targeted;
      return { from, to, asOf, agencyId, rows: list, total };
    },

    async reportWorkbook(actor: Actor, q: { from?: string; to?: string; campaignId?: string; agencyId?: string }) {
      const r = await this.report(actor, q);
      const who = r.agencyId ? (r.rows[0]?.agencyName ?? '') : '全市';
      const body = await writeReportWorkbook([
        { name: '精准扩面', columns: expansionColumns, rows: [...r.rows, r.total] } as ReportSheet,
      ]);
      return { name: `精准扩面-${who}-${r.from}至${r.to}.xlsx`, body };
    },
  };
}
export type ExpansionService = ReturnType<typeof createExpansionService>;
