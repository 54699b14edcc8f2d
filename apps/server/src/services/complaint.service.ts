import {
  answeredOnTime,
  type Complaint,
  type ComplaintKind,
  type ComplaintListQuery,
  type ComplaintStatus,
  type ComplaintSubject,
  COMPLAINT_ANSWER_WORKING_DAYS,
  complaintDueDate,
  complaintLifecycle,
  complaintSubjectLabels,
  type FileComplaintBody,
  type MemberComplaintBody,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { agencyIdInScope, type OrgScope, requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { type ComplaintWithNames, complaintRepository as repo } from '../repositories/complaint.repository.ts';
import { memberRepository } from '../repositories/member.repository.ts';
import { move } from './lifecycle-move.ts';
import { ownMember } from './member-app.service.ts';
import { claimRef } from './notification.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'reader' | 'clock' | 'audit' | 'cipher' | 'config'>;

const complaintNumber = (today: string, id: string) =>
  `TS${today.replaceAll('-', '')}${id.replaceAll('-', '').slice(-6).toUpperCase()}`;

/** The object a complaint is about, which must be the member's own; its agency takes the complaint. */
async function subjectOf(db: Db, officeId: string, memberId: string, kind: ComplaintSubject, id: string) {
  const notOwn = () =>
    new AppError('NOT_FOUND', { field: 'subjectId' }, `未找到该会员的这笔${complaintSubjectLabels[kind]}记录`);
  if (kind === 'claim') {
    const c = await db
      .selectFrom('claim')
      .select(['id', 'member_id', 'agency_id'])
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!c || c.member_id !== memberId) throw notOwn();
    return { agencyId: c.agency_id, label: `互助金申领 ${claimRef(c.id)}` };
  }
  if (kind === 'relief') {
    const r = await db
      .selectFrom('relief_application')
      .select(['id', 'member_id', 'agency_id', 'number'])
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r || r.member_id !== memberId) throw notOwn();
    return { agencyId: r.agency_id, label: `救助慰问 ${r.number}` };
  }
  const p = await db
    .selectFrom('policy')
    .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
    .select(['policy.id', 'policy.member_id', 'policy.agency_id', 'policy.start_date', 'product_version.name'])
    .where('policy.office_id', '=', officeId)
    .where('policy.id', '=', id)
    .executeTakeFirst();
  if (!p || p.member_id !== memberId) throw notOwn();
  return { agencyId: p.agency_id, label: `参保 ${p.name}（${p.start_date} 起）` };
}

/**
 * Complaints and feedback (意见与投诉, product.md §8): a member files one in the app, or staff file it on their
 * behalf; it goes to the agency of the object it is about (else of the member's unit, else the office) and is due in
 * 3 working days of the official calendar. The escalation job (jobs/complaint-escalation.job.ts) hands overdue ones
 * to the office. Every step is audited; the member's words are stored encrypted.
 */
export function createComplaintService({ db, reader, clock, audit, cipher, config }: Deps) {
  const answerDays = config.complaintAnswerWorkingDays ?? COMPLAINT_ANSWER_WORKING_DAYS;
  const toDto = (c: ComplaintWithNames): Complaint => {
    const today = clock.today();
    const late = c.answered_on ? c.answered_on > c.due_date : c.due_date < today;
    return {
      id: c.id,
      number: c.number,
      kind: c.kind as ComplaintKind,
      status: c.status as ComplaintStatus,
      memberId: c.member_id,
      memberName: c.member_name,
      subjectKind: c.subject_kind as ComplaintSubject,
      subjectId: c.subject_id,
      subjectLabel: c.subject_label,
      agencyId: c.agency_id,
      agencyName: c.agency_name,
      content: cipher.decrypt(c.content_enc),
      source: c.source as 'app' | 'staff',
      contactNote: c.contact_note,
      filedOn: c.filed_on,
      filedAt: c.filed_at,
      dueDate: c.due_date,
      overdue: late,
      escalatedAt: c.escalated_at,
      answer: c.answer,
      answeredAt: c.answered_at,
      answeredOn: c.answered_on,
      answeredByName: c.answered_by_name,
      answeredOnTime: c.on_time === null ? null : c.on_time === 1,
    };
  };

  async function file(
    actor: Actor,
    officeId: string,
    member: { id: string; unit_id: string | null },
    body: MemberComplaintBody & { contactNote?: string },
    source: 'app' | 'staff',
  ): Promise<Complaint> {
    const id = newId();
    const today = clock.today();
    return db.transaction().execute(async (trx) => {
      const subject = await subjectOf(trx, officeId, member.id, body.subjectKind, body.subjectId);
      let agencyId = subject.agencyId;
      if (agencyId === null && member.unit_id) {
        const unit = await trx
          .selectFrom('unit')
          .select('agency_id')
          .where('office_id', '=', officeId)
          .where('id', '=', member.unit_id)
          .executeTakeFirst();
        agencyId = unit?.agency_id ?? null;
      }
      const row = {
        id,
        office_id: officeId,
        number: complaintNumber(today, id),
        kind: body.kind,
        status: 'open' as const,
        member_id: member.id,
        unit_id: member.unit_id,
        agency_id: agencyId,
        subject_kind: body.subjectKind,
        subject_id: body.subjectId,
        subject_label: subject.label,
        content_enc: cipher.encrypt(body.content),
        source,
        contact_note: body.contactNote ?? null,
        account_id: actor.kind === 'member' ? actor.id : null,
        filed_by: actor.kind === 'member' ? null : actor.id,
        filed_on: today,
        filed_at: clock.iso(),
        due_date: complaintDueDate(today, answerDays),
        escalated_at: null,
        answer: null,
        answered_at: null,
        answered_on: null,
        answered_by: null,
        answered_by_name: null,
        on_time: null,
      };
      await repo.insert(trx, row);
      await audit.record(trx, actor, {
        action: 'complaint.file',
        objectType: 'complaint',
        objectId: id,
        officeId,
        after: {
          number: row.number,
          kind: row.kind,
          memberId: member.id,
          subject: { kind: row.subject_kind, id: row.subject_id },
          agencyId,
          source,
          dueDate: row.due_date,
        },
      });
      const saved = await repo.findInScope(trx, { officeId, agencyId: null, unitId: null, memberId: null }, id);
      return toDto(saved!);
    });
  }

  async function list(scope: OrgScope, q: ComplaintListQuery) {
    const { items, total } = await repo.list(
      reader,
      scope,
      {
        status: q.status,
        kind: q.kind,
        agencyId: q.agencyId,
        q: q.q,
        ...(q.overdue ? { overdueOn: clock.today() } : {}),
      },
      q.page,
      q.pageSize,
    );
    return { items: items.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  async function one(scope: OrgScope, id: string, d: Db = db) {
    const c = await repo.findInScope(d, scope, id);
    if (!c) throw new AppError('NOT_FOUND');
    return c;
  }

  return {
    /** Staff file a complaint on a member's behalf (a call, a visit); the member must be in the caller's scope. */
    async file(actor: Actor, body: FileComplaintBody) {
      requirePermission(actor, 'complaint.create');
      const scope = scopeOf(actor);
      const member = await memberRepository.findInScope(db, scope, body.memberId);
      if (!member) throw new AppError('NOT_FOUND', { field: 'memberId' });
      return file(actor, scope.officeId, member, body, 'staff');
    },

    async list(actor: Actor, q: ComplaintListQuery) {
      requirePermission(actor, 'complaint.read');
      const scope = scopeOf(actor);
      if (q.agencyId && !agencyIdInScope(scope, q.agencyId)) throw new AppError('NOT_FOUND', { agencyId: q.agencyId });
      return list(scope, q);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'complaint.read');
      return toDto(await one(scopeOf(actor), id));
    },

    /** The answer (final): in time when given on or before the due date, whoever gives it. */
    async answer(actor: Actor, id: string, answer: string) {
      requirePermission(actor, 'complaint.answer');
      const scope = scopeOf(actor);
      return db.transaction().execute(async (trx) => {
        const c = await one(scope, id, trx);
        if (c.status === 'answered')
          throw new AppError('INVALID_TRANSITION', { from: c.status, command: 'answer' }, '该意见投诉已经答复过');
        const today = clock.today();
        const onTime = answeredOnTime(today, c.due_date);
        await move(trx, audit, actor, {
          lifecycle: complaintLifecycle,
          table: 'complaint',
          row: { id: c.id, status: c.status as ComplaintStatus, office_id: c.office_id },
          command: 'answer',
          patch: {
            answer,
            answered_at: clock.iso(),
            answered_on: today,
            answered_by: actor.id,
            answered_by_name: actor.displayName,
            on_time: onTime ? 1 : 0,
          },
          why: { dueDate: c.due_date, onTime },
        });
        return toDto((await repo.findInScope(trx, scope, id))!);
      });
    },

    // ---------- the member app: their own complaints only ----------
    async fileMine(actor: Actor, body: MemberComplaintBody) {
      const { officeId, memberId } = ownMember(actor);
      const member = await db
        .selectFrom('member')
        .select(['id', 'unit_id'])
        .where('office_id', '=', officeId)
        .where('id', '=', memberId)
        .executeTakeFirst();
      if (!member) throw new AppError('NOT_FOUND');
      return file(actor, officeId, member, body, 'app');
    },
    async listMine(actor: Actor, q: { page: number; pageSize: number }) {
      const { officeId, memberId } = ownMember(actor);
      return list({ officeId, agencyId: null, unitId: null, memberId }, q);
    },
    async getMine(actor: Actor, id: string) {
      const { officeId, memberId } = ownMember(actor);
      return toDto(await one({ officeId, agencyId: null, unitId: null, memberId }, id));
    },
  };
}
export type ComplaintService = ReturnType<typeof createComplaintService>;
