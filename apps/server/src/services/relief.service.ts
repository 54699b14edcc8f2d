import {
  can,
  checkReliefEligibility,
  checkReliefLimits,
  type FileReliefBody,
  oneStopCategories,
  proposedCategoryForClaim,
  type ReliefApplication,
  type ReliefCategoryCode,
  type ReliefCategoryParams,
  type ReliefDecisionBody,
  type ReliefEstimate,
  type ReliefFacts,
  type ReliefListQuery,
  type ReliefReviewBody,
  type ReliefStatus,
  reliefYear,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { type OrgScope, requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db, ReliefRow } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { claimAssessmentRepository } from '../repositories/claim-assessment.repository.ts';
import { claimRepository } from '../repositories/claim.repository.ts';
import { memberRepository } from '../repositories/member.repository.ts';
import { reliefRepository as repo } from '../repositories/relief.repository.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import type { Audit } from './audit.service.ts';
import { assessClaimPolicies, engineFacts } from './claim-assessment.service.ts';
import { loadVersion } from './product.service.ts';
import { currentCategories, moveRelief, refuse, type StoredCategory } from './relief-transition.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit' | 'cipher' | 'handle'>;
/** The one-stop filing files its claims through the claims' own filing (same engine, same checks, same queue). */
export interface ClaimFiler {
  fileWithin(trx: Db, actor: Actor, scope: OrgScope, body: import('@huzhu/core').FileClaimBody): Promise<string>;
}

/** Who may read the medical facts and reason of an application: those who review or decide it. */
const seesMedical = (actor: Actor) => can(actor.role, 'relief.review') || can(actor.role, 'relief.decide');

const reliefNumber = (today: string, id: string) => `JZ${today.replaceAll('-', '')}${id.slice(-6).toUpperCase()}`;

interface StoredReliefFacts {
  diseaseCode?: string;
  admissionDate?: string;
  dischargeDate?: string;
  selfPaidFen?: number;
}

export async function loadRelief(
  db: Db,
  cipher: PiiCipher,
  actor: Actor,
  rows: (ReliefRow & { member_name: string })[],
): Promise<ReliefApplication[]> {
  if (rows.length === 0) return [];
  const officeId = rows[0]!.office_id;
  const [links, versions] = await Promise.all([
    repo.linkedClaims(
      db,
      officeId,
      rows.map((r) => r.id),
    ),
    Promise.all([...new Set(rows.map((r) => r.category_version_id))].map((v) => repo.categoryVersion(db, officeId, v))),
  ]);
  const versionOf = new Map(versions.filter((v) => v !== undefined).map((v) => [v!.id, v!]));
  const medical = seesMedical(actor);
  return rows.map((r) => {
    const v = versionOf.get(r.category_version_id);
    const params = v ? (JSON.parse(v.params_json) as ReliefCategoryParams) : undefined;
    return {
      id: r.id,
      number: r.number,
      memberId: r.member_id,
      memberName: r.member_name,
      unitId: r.unit_id,
      agencyId: r.agency_id,
      category: r.category as ReliefCategoryCode,
      categoryName: params?.name ?? r.category,
      categoryVersion: v?.version ?? 1,
      eventDate: r.event_date,
      amountFen: Number(r.amount_fen),
      status: r.status as ReliefStatus,
      origin: r.origin,
      reason: medical ? cipher.decrypt(r.reason_enc) : '（仅审核人员可见）',
      facts: medical && r.facts_enc ? (JSON.parse(cipher.decrypt(r.facts_enc)) as StoredReliefFacts) : null,
      sourceClaimId: r.source_claim_id,
      batchId: r.batch_id,
      filedBy: r.filed_by,
      filedAt: r.filed_at,
      reviewedAt: r.reviewed_at,
      reviewNote: r.review_note,
      decidedAt: r.decided_at,
      decisionReason: r.decision_reason,
      paidAt: r.paid_at,
      claims: links
        .filter((l) => l.relief_id === r.id)
        .map((l) => ({
          id: l.id,
          number: l.id.slice(-8).toUpperCase(),
          status: l.status,
          kind: l.kind,
          assessedAmountFen: Number(l.assessed_amount_fen),
          approvedAmountFen: l.approved_amount_fen === null ? null : Number(l.approved_amount_fen),
        })),
    };
  });
}

/** The checks every relief must pass before it counts: cover on the event date, the category's rule, the limits. */
async function checkRelief(
  trx: Db,
  officeId: string,
  memberId: string,
  category: StoredCategory,
  yearCapFen: number,
  facts: ReliefFacts,
  exceptId?: string,
) {
  if (!(await repo.coveredOn(trx, officeId, memberId, facts.eventDate)))
    throw new AppError(
      'NOT_A_MEMBER_ON_DATE',
      { field: 'eventDate', eventDate: facts.eventDate },
      `事件发生日（${facts.eventDate}）该会员没有有效的互助保障，不能申请救助慰问`,
    );
  const hardship = category.eligibility.requiresHardshipFile
    ? (await repo.hardshipOpenOn(trx, officeId, [memberId], facts.eventDate)).length > 0
    : undefined;
  const eligible = checkReliefEligibility(category, { ...facts, hardshipFileInForce: hardship });
  if (!eligible.ok) refuse(eligible);
  const prior = await repo.countingInYear(trx, officeId, memberId, reliefYear(facts.eventDate), exceptId);
  const limits = checkReliefLimits(
    category,
    category.amountFen,
    facts.eventDate,
    prior.map((p) => ({
      category: p.category as ReliefCategoryCode,
      eventDate: p.event_date,
      amountFen: Number(p.amount_fen),
    })),
    yearCapFen,
  );
  if (!limits.ok) refuse(limits);
}

export function createReliefService({ db, clock, audit, cipher, handle }: Deps, claims: ClaimFiler) {
  async function requireRelief(d: Db, scope: OrgScope, id: string) {
    const r = await repo.findInScope(d, scope, id);
    if (!r) throw new AppError('NOT_FOUND');
    return r;
  }
  async function one(actor: Actor, id: string) {
    const r = await requireRelief(db, scopeOf(actor), id);
    return (await loadRelief(db, cipher, actor, [r]))[0]!;
  }
  async function categoryFor(d: Db, officeId: string, code: ReliefCategoryCode) {
    const { categories, yearCapFen } = await currentCategories(d, officeId, clock.iso());
    const category = categories.find((c) => c.code === code);
    if (!category) throw new AppError('NOT_FOUND', { field: 'category' });
    return { category, yearCapFen };
  }

  return {
    /** The one-stop preview: the claim each policy of the member that can pay would make, with its estimate. */
    async estimate(actor: Actor, memberId: string, claim: FileReliefBody['claim'] & object): Promise<ReliefEstimate> {
      requirePermission(actor, 'relief.create');
      const scope = scopeOf(actor);
      const member = await memberRepository.findInScope(db, scope, memberId);
      if (!member) throw new AppError('NOT_FOUND', { field: 'memberId' });
      const { policyId, invoiceNumbers: _i, ...facts } = claim;
      const { rows } = await assessClaimPolicies(
        db,
        { id: newId(), officeId: scope.officeId, memberId, facts: { ...facts, filedOn: clock.today() } },
        { policyId },
        clock.iso(),
      );
      const policies = await claimAssessmentRepository.policiesByIds(
        db,
        scope.officeId,
        rows.map((r) => r.policy_id),
      );
      const assessments = [];
      for (const r of rows) {
        const p = policies.find((x) => x.id === r.policy_id)!;
        const product = await loadVersion(db, scope.officeId, p.product_version_id);
        assessments.push({
          policyId: p.id,
          productCode: p.product_code,
          productName: product.name,
          policyStartDate: p.start_date,
          policyEndDate: p.end_date,
          payable: r.payable === 1,
          amountFen: r.amount_fen,
          approvedAmountFen: null,
          ...(r.code ? { code: r.code } : {}),
          ruleKind: r.rule_kind ?? null,
          days: r.days ?? null,
          endsPolicy: r.ends_policy === 1,
          lines: JSON.parse(r.lines_json) as string[],
        });
      }
      return { assessments, totalFen: assessments.reduce((s, a) => s + (a.payable ? a.amountFen : 0), 0) };
    },

    /**
     * Files a relief application: member in scope, cover on the event date, the category's rule, the yearly limits
     * (under a lock of the member on PostgreSQL, so two filings cannot both take the last allowance), and for a
     * one-stop filing the ticked claims — all in one transaction, or nothing.
     */
    async file(actor: Actor, body: FileReliefBody) {
      requirePermission(actor, 'relief.create');
      const scope = scopeOf(actor);
      const today = clock.today();
      if (body.eventDate > today)
        throw new AppError('VALIDATION_FAILED', [{ where: 'body', path: 'eventDate', message: '日期不能晚于今天' }]);
      if (body.withClaims && !oneStopCategories.includes(body.category))
        throw new AppError('VALIDATION_FAILED', [
          { where: 'body', path: 'withClaims', message: '只有疾病、重大疾病和意外伤害慰问可一站式申领互助金' },
        ]);
      const id = newId();
      const now = clock.iso();
      await db.transaction().execute(async (trx) => {
        const member = await memberRepository.findInScope(trx, scope, body.memberId);
        if (!member) throw new AppError('NOT_FOUND', { field: 'memberId' });
        if (handle.kind === 'postgres') await repo.lockMember(trx, scope.officeId, body.memberId);
        const { category, yearCapFen } = await categoryFor(trx, scope.officeId, body.category);
        if (category.batchOnly)
          throw new AppError('VALIDATION_FAILED', [
            { where: 'body', path: 'category', message: `${category.name}由办事处按批次发放，不能单独申请` },
          ]);
        const facts: StoredReliefFacts = body.claim
          ? {
              ...(body.claim.diseaseCode ? { diseaseCode: body.claim.diseaseCode } : {}),
              ...(body.claim.admissionDate ? { admissionDate: body.claim.admissionDate } : {}),
              ...(body.claim.dischargeDate ? { dischargeDate: body.claim.dischargeDate } : {}),
              ...(body.claim.selfPaidFen !== undefined ? { selfPaidFen: body.claim.selfPaidFen } : {}),
            }
          : {};
        await checkRelief(trx, scope.officeId, body.memberId, category, yearCapFen, {
          ...facts,
          eventDate: body.eventDate,
        });
        const unit = member.unit_id ? await repo.unitAgency(trx, scope.officeId, member.unit_id) : undefined;
        await repo.insert(trx, {
          id,
          office_id: scope.officeId,
          number: reliefNumber(today, id),
          member_id: body.memberId,
          unit_id: unit?.id ?? null,
          agency_id: unit?.agency_id ?? null,
          category: body.category,
          category_version_id: category.id,
          event_date: body.eventDate,
          event_year: reliefYear(body.eventDate),
          amount_fen: category.amountFen,
          status: 'applied',
          origin: 'applied',
          reason_enc: cipher.encrypt(body.reason),
          facts_enc: Object.keys(facts).length > 0 ? cipher.encrypt(JSON.stringify(facts)) : null,
          source_claim_id: null,
          batch_id: null,
          filed_by: actor.id,
          filed_at: now,
          updated_at: now,
          reviewed_by: null,
          reviewed_at: null,
          review_note: null,
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          paid_at: null,
        });
        const claimIds: string[] = [];
        if (body.withClaims && body.claim) {
          const { policyId: _p, ...claimFacts } = body.claim;
          let ticked = body.claimPolicyIds;
          if (!ticked) {
            const { rows } = await assessClaimPolicies(
              trx,
              {
                id: newId(),
                officeId: scope.officeId,
                memberId: body.memberId,
                facts: { ...claimFacts, filedOn: today },
              },
              { policyId: body.claim.policyId },
              now,
            );
            ticked = rows.filter((r) => r.payable === 1).map((r) => r.policy_id);
          }
          for (const policyId of [...new Set(ticked)])
            claimIds.push(
              await claims.fileWithin(trx, actor, scope, { ...claimFacts, memberId: body.memberId, policyId }),
            );
          await repo.link(trx, scope.officeId, id, claimIds);
        }
        // Medical facts stay out of the audit trail: it records what was filed and the amount.
        await audit.record(trx, actor, {
          action: 'relief.create',
          objectType: 'relief_application',
          objectId: id,
          officeId: scope.officeId,
          after: {
            status: 'applied',
            memberId: body.memberId,
            category: body.category,
            categoryVersion: category.version,
            eventDate: body.eventDate,
            amountFen: category.amountFen,
            claimIds,
          },
        });
      });
      return one(actor, id);
    },

    get: (actor: Actor, id: string) => {
      requirePermission(actor, 'relief.read');
      return one(actor, id);
    },

    async list(actor: Actor, q: ReliefListQuery) {
      requirePermission(actor, 'relief.read');
      const scope = scopeOf(actor);
      const { page, pageSize, ...f } = q;
      const { items, total } = await repo.list(db, scope, f, page, pageSize);
      return { items: await loadRelief(db, cipher, actor, items), total, page, pageSize };
    },

    /** The reliefs a claim belongs to (the claim's side of the link). */
    async ofClaim(actor: Actor, claimId: string) {
      requirePermission(actor, 'claim.read');
      const scope = scopeOf(actor);
      const claim = await claimRepository.findInScope(db, scope, claimId);
      if (!claim) throw new AppError('NOT_FOUND');
      return repo.reliefsOfClaim(db, scope.officeId, claimId);
    },

    /** Agency review: approve (→ reviewed), reject, or return for more information. Never of one's own filing. */
    async review(actor: Actor, id: string, body: ReliefReviewBody) {
      requirePermission(actor, 'relief.review');
      const scope = scopeOf(actor);
      if (body.decision !== 'approve' && !body.reason)
        throw new AppError('VALIDATION_FAILED', [
          { where: 'body', path: 'reason', message: '退回或不予救助须说明理由' },
        ]);
      await db.transaction().execute(async (trx) => {
        const r = await requireRelief(trx, scope, id);
        if (r.filed_by === actor.id) throw new AppError('OWN_APPLICATION', { filedBy: r.filed_by });
        const now = clock.iso();
        const command = body.decision === 'approve' ? 'review' : body.decision;
        await moveRelief(
          trx,
          audit,
          actor,
          r,
          command,
          { reviewed_by: actor.id, reviewed_at: now, review_note: body.reason ?? null, updated_at: now },
          { reason: body.reason },
        );
      });
      return one(actor, id);
    },

    /** Office decision: approve (→ approved, then paid through a payout batch) or reject. Never of one's own filing. */
    async decide(actor: Actor, id: string, body: ReliefDecisionBody) {
      requirePermission(actor, 'relief.decide');
      const scope = scopeOf(actor);
      if (body.decision === 'reject' && !body.reason)
        throw new AppError('VALIDATION_FAILED', [{ where: 'body', path: 'reason', message: '不予救助须说明理由' }]);
      await db.transaction().execute(async (trx) => {
        const r = await requireRelief(trx, scope, id);
        if (r.filed_by === actor.id || r.reviewed_by === actor.id)
          throw new AppError('OWN_APPLICATION', { filedBy: r.filed_by, reviewedBy: r.reviewed_by });
        const now = clock.iso();
        await moveRelief(
          trx,
          audit,
          actor,
          r,
          body.decision,
          { decided_by: actor.id, decided_at: now, decision_reason: body.reason ?? null, updated_at: now },
          { amountFen: Number(r.amount_fen), reason: body.reason },
        );
      });
      return one(actor, id);
    },

    /** A returned application goes back to the agency, its limits checked again. */
    async resubmit(actor: Actor, id: string) {
      requirePermission(actor, 'relief.create');
      return this.reapply(actor, id, 'resubmit');
    },

    /** The agency confirms a proactive proposal (回头望): it becomes an application, the limits checked now. */
    async confirm(actor: Actor, id: string) {
      requirePermission(actor, 'relief.review');
      return this.reapply(actor, id, 'confirm');
    },

    async reapply(actor: Actor, id: string, command: 'resubmit' | 'confirm') {
      const scope = scopeOf(actor);
      await db.transaction().execute(async (trx) => {
        const r = await requireRelief(trx, scope, id);
        if (handle.kind === 'postgres') await repo.lockMember(trx, scope.officeId, r.member_id);
        const v = await repo.categoryVersion(trx, scope.officeId, r.category_version_id);
        const { yearCapFen } = await currentCategories(trx, scope.officeId, clock.iso());
        const category = {
          ...(JSON.parse(v!.params_json) as ReliefCategoryParams),
          id: v!.id,
          version: v!.version,
          publishedAt: v!.published_at,
        };
        const facts = r.facts_enc ? (JSON.parse(cipher.decrypt(r.facts_enc)) as StoredReliefFacts) : {};
        if (command === 'confirm' || r.status === 'returned')
          await checkRelief(
            trx,
            scope.officeId,
            r.member_id,
            category,
            yearCapFen,
            { ...facts, eventDate: r.event_date },
            r.id,
          );
        const now = clock.iso();
        await moveRelief(trx, audit, actor, r, command, { updated_at: now });
      });
      return one(actor, id);
    },

    async dismiss(actor: Actor, id: string, reason: string) {
      requirePermission(actor, 'relief.review');
      const scope = scopeOf(actor);
      await db.transaction().execute(async (trx) => {
        const r = await requireRelief(trx, scope, id);
        const now = clock.iso();
        await moveRelief(trx, audit, actor, r, 'dismiss', { review_note: reason, updated_at: now }, { reason });
      });
      return one(actor, id);
    },
  };
}
export type ReliefService = ReturnType<typeof createReliefService>;

/**
 * Proactive relief (回头望): for each claim just paid that meets a relief category's rule, a proposed application for
 * the agency to confirm — unless the claim already has a relief, or the member's limits leave no room. Runs in the
 * payment's transaction; a proposal never counts against the limits until it is confirmed.
 */
export async function proposeReliefForPaidClaims(
  trx: Db,
  deps: { audit: Audit; cipher: PiiCipher; clock: { iso(): string; today(): string } },
  officeId: string,
  claimIds: readonly string[],
): Promise<string[]> {
  if (claimIds.length === 0) return [];
  const taken = await repo.claimsWithRelief(trx, officeId, [...claimIds]);
  const todo = claimIds.filter((c) => !taken.has(c));
  if (todo.length === 0) return [];
  const claimRows = await claimRepository.byIds(trx, officeId, todo);
  const { categories, yearCapFen } = await currentCategories(trx, officeId, deps.clock.iso());
  const made: string[] = [];
  for (const c of claimRows) {
    const facts = engineFacts(c);
    const code = proposedCategoryForClaim(facts, categories);
    if (!code) continue;
    const category = categories.find((x) => x.code === code)!;
    const prior = await repo.countingInYear(trx, officeId, c.member_id, reliefYear(c.event_date));
    const limits = checkReliefLimits(
      category,
      category.amountFen,
      c.event_date,
      prior.map((p) => ({
        category: p.category as ReliefCategoryCode,
        eventDate: p.event_date,
        amountFen: Number(p.amount_fen),
      })),
      yearCapFen,
    );
    if (!limits.ok) continue;
    const id = newId();
    const now = deps.clock.iso();
    const stored: StoredReliefFacts = {
      ...(facts.diseaseCode ? { diseaseCode: facts.diseaseCode } : {}),
      ...(facts.admissionDate ? { admissionDate: facts.admissionDate } : {}),
      ...(facts.dischargeDate ? { dischargeDate: facts.dischargeDate } : {}),
      ...(facts.selfPaidFen !== undefined ? { selfPaidFen: facts.selfPaidFen } : {}),
    };
    await repo.insert(trx, {
      id,
      office_id: officeId,
      number: reliefNumber(deps.clock.today(), id),
      member_id: c.member_id,
      unit_id: c.unit_id,
      agency_id: c.agency_id,
      category: code,
      category_version_id: category.id,
      event_date: c.event_date,
      event_year: reliefYear(c.event_date),
      amount_fen: category.amountFen,
      status: 'proposed',
      origin: 'proactive',
      reason_enc: deps.cipher.encrypt(`互助金申领已给付，符合${category.name}条件（系统主动发现）`),
      facts_enc: Object.keys(stored).length > 0 ? deps.cipher.encrypt(JSON.stringify(stored)) : null,
      source_claim_id: c.id,
      batch_id: null,
      filed_by: 'system',
      filed_at: now,
      updated_at: now,
      reviewed_by: null,
      reviewed_at: null,
      review_note: null,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      paid_at: null,
    });
    await trx
      .insertInto('notification')
      .values({
        id: newId(),
        office_id: officeId,
        agency_id: c.agency_id,
        kind: 'relief_proposed',
        object_type: 'relief_application',
        object_id: id,
        message: `会员的互助金申领已给付，符合${category.name}条件，请确认是否发起救助慰问`,
        created_at: now,
        read_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await deps.audit.record(trx, null, {
      action: 'relief.propose',
      objectType: 'relief_application',
      objectId: id,
      officeId,
      after: { status: 'proposed', claimId: c.id, category: code, amountFen: category.amountFen },
    });
    made.push(id);
  }
  return made;
}
