import {
  addDays,
  checkReliefLimits,
  defineLifecycle,
  type HardshipFile,
  type ReliefBatch,
  type ReliefBatchBody,
  type ReliefCategoryCode,
  type ReliefCategoryParams,
  reliefYear,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { agencyIdInScope, requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { memberRepository } from '../repositories/member.repository.ts';
import { reliefRepository as repo } from '../repositories/relief.repository.ts';
import { move } from './lifecycle-move.ts';
import { currentCategories, moveRelief } from './relief-transition.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit' | 'cipher'>;

/** A hardship file is open until the hardship ends; each yearly review keeps it open or closes it. */
export const hardshipLifecycle = defineLifecycle<'open' | 'closed', 'review' | 'close'>({
  name: 'hardship',
  states: ['open', 'closed'],
  transitions: { open: { review: 'open', close: 'closed' }, closed: {} },
});
export const HARDSHIP_REVIEW_DAYS = 365;

/** Relief categories and the yearly cap (edited in the console), holiday batches, hardship files. */
export function createReliefAdminService({ db, clock, audit, cipher }: Deps) {
  const toBatch = (b: Awaited<ReturnType<typeof repo.batch>> & object): ReliefBatch => ({
    id: b.id,
    name: b.name,
    category: b.category,
    eventDate: b.event_date,
    status: b.status,
    amountFenEach: Number(b.amount_fen_each),
    count: Number(b.item_count),
    totalFen: Number(b.total_fen),
    skipped: JSON.parse(b.skipped_json),
    createdAt: b.created_at,
  });
  const toHardship = (h: Awaited<ReturnType<typeof repo.hardshipInScope>> & object): HardshipFile => ({
    id: h.id,
    memberId: h.member_id,
    memberName: h.member_name,
    agencyId: h.agency_id,
    level: h.level as HardshipFile['level'],
    reason: cipher.decrypt(h.reason_enc),
    status: h.status,
    openedOn: h.opened_on,
    nextReviewOn: h.next_review_on,
    lastReviewedOn: h.last_reviewed_on,
    closedOn: h.closed_on,
  });

  return {
    async categories(actor: Actor) {
      requirePermission(actor, 'relief.read');
      const { categories, yearCapFen } = await currentCategories(db, scopeOf(actor).officeId, clock.iso());
      return { yearCapFen, items: categories.map(({ id: _id, ...c }) => c) };
    },

    /** Publishes a new version of a category; applications made under earlier versions keep theirs. */
    async publishCategory(actor: Actor, code: ReliefCategoryCode, params: Omit<ReliefCategoryParams, 'code'>) {
      requirePermission(actor, 'relief.manage');
      const officeId = scopeOf(actor).officeId;
      await db.transaction().execute(async (trx) => {
        const { categories } = await currentCategories(trx, officeId, clock.iso());
        const current = categories.find((c) => c.code === code);
        if (!current) throw new AppError('NOT_FOUND');
        const next = { code, ...params };
        await trx
          .insertInto('relief_category_version')
          .values({
            id: newId(),
            office_id: officeId,
            code,
            version: current.version + 1,
            params_json: JSON.stringify(next),
            published_at: clock.iso(),
            published_by: actor.id,
          })
          .execute();
        const { id: _i, version: _v, publishedAt: _p, ...before } = current;
        await audit.record(trx, actor, {
          action: 'relief.category_publish',
          objectType: 'relief_category',
          objectId: code,
          before: { version: current.version, ...before },
          after: { version: current.version + 1, ...next },
        });
      });
      return this.categories(actor);
    },

    async setYearCap(actor: Actor, yearCapFen: number) {
      requirePermission(actor, 'relief.manage');
      const officeId = scopeOf(actor).officeId;
      await db.transaction().execute(async (trx) => {
        const before = await currentCategories(trx, officeId, clock.iso());
        const now = clock.iso();
        await trx
          .insertInto('relief_setting')
          .values({ office_id: officeId, year_cap_fen: yearCapFen, updated_at: now, updated_by: actor.id })
          .onConflict((oc) =>
            oc.column('office_id').doUpdateSet({ year_cap_fen: yearCapFen, updated_at: now, updated_by: actor.id }),
          )
          .execute();
        await audit.record(trx, actor, {
          action: 'relief.year_cap',
          objectType: 'relief_setting',
          objectId: officeId,
          before: { yearCapFen: before.yearCapFen },
          after: { yearCapFen },
        });
      });
      return this.categories(actor);
    },

    /**
     * A holiday batch (节日慰问) for a list of members or a criterion (hardship files in force on the date). A member
     * outside the office refuses the whole batch; members not covered on the date or over their limits are left out
     * and listed. The items wait for the office decision on the batch as a whole.
     */
    async createBatch(actor: Actor, body: ReliefBatchBody, listRows?: ReadonlyMap<string, number>) {
      requirePermission(actor, 'relief.manage');
      const officeId = scopeOf(actor).officeId;
      const eventDate = body.eventDate ?? clock.today();
      const id = newId();
      // A list file's row of each member, so that the members left out are reported by row.
      const rowOf = (memberId: string) => {
        const row = listRows?.get(memberId);
        return row === undefined ? {} : { row };
      };
      await db.transaction().execute(async (trx) => {
        const { categories, yearCapFen } = await currentCategories(trx, officeId, clock.iso());
        const category = categories.find((c) => c.code === body.category);
        if (!category?.active) throw new AppError('NOT_ELIGIBLE', undefined, '节日慰问类别已停用');
        let memberIds: string[];
        if (body.memberIds) {
          memberIds = [...new Set(body.memberIds)];
        } else {
          memberIds = [...new Set((await repo.hardshipOpenOn(trx, officeId, null, eventDate)).map((h) => h.member_id))];
        }
        const members = await repo.membersOfOffice(trx, officeId, memberIds);
        const outside = memberIds.filter((m) => !members.some((x) => x.id === m));
        if (outside.length > 0)
          throw new AppError(
            'VALIDATION_FAILED',
            { memberIds: outside },
            `名单中有 ${outside.length} 人不是本办事处的会员，未创建批次`,
          );
        const covered = await repo.coveredAmong(trx, officeId, memberIds, eventDate);
        const prior = await repo.countingInYearFor(trx, officeId, memberIds, reliefYear(eventDate));
        const skipped: ReliefBatch['skipped'] = [];
        const rows = [];
        const now = clock.iso();
        const today = clock.today();
        for (const m of members) {
          if (!covered.has(m.id)) {
            skipped.push({
              memberId: m.id,
              ...rowOf(m.id),
              code: 'NOT_A_MEMBER_ON_DATE',
              message: `${eventDate} 没有有效保障`,
            });
            continue;
          }
          const limits = checkReliefLimits(
            category,
            category.amountFen,
            eventDate,
            prior
              .filter((p) => p.member_id === m.id)
              .map((p) => ({
                category: p.category as ReliefCategoryCode,
                eventDate: p.event_date,
                amountFen: Number(p.amount_fen),
              })),
            yearCapFen,
          );
          if (!limits.ok) {
            skipped.push({
              memberId: m.id,
              ...rowOf(m.id),
              code: 'RELIEF_LIMIT_REACHED',
              message: (limits.error.details as { message: string }).message,
            });
            continue;
          }
          const rid = newId();
          rows.push({
            id: rid,
            office_id: officeId,
            number: `JZ${today.replaceAll('-', '')}${rid.slice(-6).toUpperCase()}`,
            member_id: m.id,
            unit_id: m.unit_id,
            agency_id: m.agency_id,
            category: category.code,
            category_version_id: category.id,
            event_date: eventDate,
            event_year: reliefYear(eventDate),
            amount_fen: category.amountFen,
            status: 'reviewed',
            origin: 'batch' as const,
            reason_enc: cipher.encrypt(body.name),
            facts_enc: null,
            source_claim_id: null,
            batch_id: id,
            filed_by: actor.id,
            filed_at: now,
            updated_at: now,
            reviewed_by: actor.id,
            reviewed_at: now,
            review_note: null,
            decided_by: null,
            decided_at: null,
            decision_reason: null,
            paid_at: null,
          });
        }
        if (rows.length === 0) throw new AppError('VALIDATION_FAILED', { skipped }, '名单中没有可发放节日慰问的会员');
        await trx
          .insertInto('relief_batch')
          .values({
            id,
            office_id: officeId,
            name: body.name,
            category: category.code,
            event_date: eventDate,
            status: 'open',
            amount_fen_each: category.amountFen,
            item_count: rows.length,
            total_fen: rows.length * category.amountFen,
            skipped_json: JSON.stringify(skipped),
            created_by: actor.id,
            created_at: now,
            decided_by: null,
            decided_at: null,
            decision_reason: null,
          })
          .execute();
        for (let i = 0; i < rows.length; i += 500)
          await trx
            .insertInto('relief_application')
            .values(rows.slice(i, i + 500))
            .execute();
        await audit.record(trx, actor, {
          action: 'relief.batch_create',
          objectType: 'relief_batch',
          objectId: id,
          after: {
            name: body.name,
            count: rows.length,
            totalFen: rows.length * category.amountFen,
            skipped: skipped.length,
          },
        });
      });
      return toBatch((await repo.batch(db, officeId, id))!);
    },

    async batches(actor: Actor, page: number, pageSize: number, q?: string) {
      requirePermission(actor, 'relief.read');
      const scope = scopeOf(actor);
      if (scope.agencyId) throw new AppError('FORBIDDEN');
      const { items, total } = await repo.batches(db, scope.officeId, page, pageSize, q);
      return { items: items.map(toBatch), total, page, pageSize };
    },

    /** The office decides a batch as one: every item approved (then paid through a payout batch) or rejected. */
    async decideBatch(actor: Actor, id: string, decision: 'approve' | 'reject', reason?: string) {
      requirePermission(actor, 'relief.decide');
      const officeId = scopeOf(actor).officeId;
      if (decision === 'reject' && !reason)
        throw new AppError('VALIDATION_FAILED', [{ where: 'body', path: 'reason', message: '不予发放须说明理由' }]);
      await db.transaction().execute(async (trx) => {
        const b = await repo.batch(trx, officeId, id);
        if (!b) throw new AppError('NOT_FOUND');
        if (b.created_by === actor.id) throw new AppError('OWN_APPLICATION');
        const upd = await trx
          .updateTable('relief_batch')
          .set({
            status: decision === 'approve' ? 'approved' : 'rejected',
            decided_by: actor.id,
            decided_at: clock.iso(),
            decision_reason: reason ?? null,
          })
          .where('id', '=', id)
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (Number(upd.numUpdatedRows) !== 1)
          throw new AppError('INVALID_TRANSITION', { from: b.status, command: decision });
        const now = clock.iso();
        for (const r of await repo.batchItems(trx, officeId, id))
          await moveRelief(
            trx,
            audit,
            actor,
            r,
            decision,
            {
              decided_by: actor.id,
              decided_at: now,
              decision_reason: reason ?? null,
              updated_at: now,
            },
            { batchId: id },
          );
        await audit.record(trx, actor, {
          action: `relief.batch_${decision}`,
          objectType: 'relief_batch',
          objectId: id,
          after: { count: b.item_count, totalFen: Number(b.total_fen), reason },
        });
      });
      return toBatch((await repo.batch(db, officeId, id))!);
    },

    // ---------- hardship files ----------
    async openHardship(actor: Actor, body: { memberId: string; level: string; reason: string; openedOn: string }) {
      requirePermission(actor, 'relief.review');
      const scope = scopeOf(actor);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        const member = await memberRepository.findInScope(trx, scope, body.memberId);
        if (!member) throw new AppError('NOT_FOUND', { field: 'memberId' });
        const unit = member.unit_id ? await repo.unitAgency(trx, scope.officeId, member.unit_id) : undefined;
        if (unit?.agency_id && !agencyIdInScope(scope, unit.agency_id)) throw new AppError('NOT_FOUND');
        const now = clock.iso();
        try {
          await repo.insertHardship(trx, {
            id,
            office_id: scope.officeId,
            member_id: body.memberId,
            unit_id: unit?.id ?? null,
            agency_id: unit?.agency_id ?? null,
            level: body.level,
            reason_enc: cipher.encrypt(body.reason),
            status: 'open',
            open_member_id: body.memberId,
            opened_on: body.openedOn,
            next_review_on: addDays(body.openedOn, HARDSHIP_REVIEW_DAYS),
            last_reviewed_on: null,
            closed_on: null,
            created_by: actor.id,
            created_at: now,
            updated_at: now,
          });
        } catch (e) {
          if (String((e as Error).message).match(/unique|UNIQUE|duplicate/)) throw new AppError('HARDSHIP_FILE_OPEN');
          throw e;
        }
        await audit.record(trx, actor, {
          action: 'hardship.open',
          objectType: 'hardship_file',
          objectId: id,
          after: { memberId: body.memberId, level: body.level, openedOn: body.openedOn },
        });
      });
      return toHardship((await repo.hardshipInScope(db, scope, id))!);
    },

    async hardshipFiles(
      actor: Actor,
      q: {
        status?: 'open' | 'closed';
        due?: 'true' | 'false';
        agencyId?: string;
        q?: string;
        page: number;
        pageSize: number;
      },
    ) {
      requirePermission(actor, 'relief.read');
      const scope = scopeOf(actor);
      const { items, total } = await repo.hardshipList(
        db,
        scope,
        { status: q.status, dueBy: q.due === 'true' ? clock.today() : undefined, agencyId: q.agencyId, q: q.q },
        q.page,
        q.pageSize,
      );
      return { items: items.map(toHardship), total, page: q.page, pageSize: q.pageSize };
    },

    /** The yearly review: keep the file (maybe at another level; next review a year on) or close it. */
    async reviewHardship(
      actor: Actor,
      id: string,
      body: { outcome: 'continue' | 'close'; level?: string; note: string },
    ) {
      requirePermission(actor, 'relief.review');
      const scope = scopeOf(actor);
      await db.transaction().execute(async (trx: Db) => {
        const h = await repo.hardshipInScope(trx, scope, id);
        if (!h) throw new AppError('NOT_FOUND');
        const today = clock.today();
        const now = clock.iso();
        await move(trx, audit, actor, {
          lifecycle: hardshipLifecycle,
          table: 'hardship_file',
          row: h,
          command: body.outcome === 'close' ? 'close' : 'review',
          patch:
            body.outcome === 'close'
              ? { closed_on: today, open_member_id: null, last_reviewed_on: today, updated_at: now }
              : {
                  level: body.level ?? h.level,
                  last_reviewed_on: today,
                  next_review_on: addDays(today, HARDSHIP_REVIEW_DAYS),
                  updated_at: now,
                },
          why: { note: body.note, level: body.level ?? h.level },
        });
      });
      return toHardship((await repo.hardshipInScope(db, scope, id))!);
    },
  };
}
export type ReliefAdminService = ReturnType<typeof createReliefAdminService>;
