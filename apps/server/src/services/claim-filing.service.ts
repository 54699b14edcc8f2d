import { type ClaimFlag, claimFactIssues, diffDays, type FileClaimBody, normalizeInvoiceNumber } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { type OrgScope, requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import { insertMany } from '../db/insert-many.ts';
import type { Db, PolicyRow } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { claimRepository } from '../repositories/claim.repository.ts';
import { memberRepository } from '../repositories/member.repository.ts';
import { assessClaimPolicies, assessedTotal, type StoredFacts } from './claim-assessment.service.ts';
import { loadClaimDetail } from './claim-query.service.ts';

/** A claim this soon after a first enrolment is marked for review (product.md §5). */
export const EARLY_CLAIM_DAYS = 30;
const UNDECIDED = ['submitted', 'prechecked', 'accepted', 'returned'];

function earlyFlag(policies: PolicyRow[], eventDate: string): ClaimFlag | null {
  // A continuous renewal is not "soon after enrolment": the member has been covered all along.
  const early = policies.filter(
    (p) => p.continuous === 0 && p.start_date <= eventDate && diffDays(p.start_date, eventDate) < EARLY_CLAIM_DAYS,
  );
  if (early.length === 0) return null;
  const day = Math.min(...early.map((p) => diffDays(p.start_date, eventDate) + 1));
  return {
    code: 'EARLY_CLAIM',
    message: `事件发生在保障开始后第 ${day} 天（${EARLY_CLAIM_DAYS} 天内），请重点审核`,
    details: { policyIds: early.map((p) => p.id) },
  };
}

const duplicateFlag = (invoiceNumbers: string[], claimIds: string[]): ClaimFlag => ({
  code: 'DUPLICATE_INVOICE',
  message: `发票号 ${invoiceNumbers.join('、')} 已在其他申领中使用`,
  details: { invoiceNumbers, claimIds },
});

export function createClaimFilingService({ db, clock, audit }: ServiceDeps) {
  /** Earlier undecided claims that share an invoice with a new one are flagged too: either may be the wrong one. */
  async function flagEarlier(
    trx: Db,
    actor: Actor,
    officeId: string,
    newClaimId: string,
    uses: { claim_id: string; invoice_number: string }[],
  ) {
    const earlier = await claimRepository.byIds(trx, officeId, [...new Set(uses.map((u) => u.claim_id))]);
    for (const c of earlier) {
      if (!UNDECIDED.includes(c.status)) continue;
      const flags = JSON.parse(c.flags_json) as ClaimFlag[];
      const numbers = uses.filter((u) => u.claim_id === c.id).map((u) => u.invoice_number);
      const existing = flags.find((f) => f.code === 'DUPLICATE_INVOICE');
      const prev = (existing?.details ?? { invoiceNumbers: [], claimIds: [] }) as {
        invoiceNumbers: string[];
        claimIds: string[];
      };
      const next = duplicateFlag(
        [...new Set([...prev.invoiceNumbers, ...numbers])],
        [...new Set([...prev.claimIds, newClaimId])],
      );
      await claimRepository.update(trx, c.id, {
        flags_json: JSON.stringify([...flags.filter((f) => f.code !== 'DUPLICATE_INVOICE'), next]),
        updated_at: clock.iso(),
      });
      await audit.record(trx, actor, {
        action: 'claim.flag',
        objectType: 'claim',
        objectId: c.id,
        before: { flags: flags.map((f) => f.code) },
        after: { flag: 'DUPLICATE_INVOICE', invoiceNumbers: numbers, claimId: newClaimId },
      });
    }
  }

  /**
   * Files a claim inside the caller's transaction (the claim filing itself, and the one-stop relief filing that files
   * its claims in the same step): checks the facts, matches the member's policies, assesses, flags, stores.
   */
  async function fileWithin(trx: Db, actor: Actor, scope: OrgScope, body: FileClaimBody): Promise<string> {
    requirePermission(actor, 'claim.create');
    const today = clock.today();
    const issues = claimFactIssues(body, today);
    if (issues.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        issues.map((i) => ({ where: 'body', path: i.path, message: i.message })),
      );
    const invoices = [...new Set((body.invoiceNumbers ?? []).map(normalizeInvoiceNumber).filter((n) => n !== ''))];
    const { memberId, policyId, kind, cause, eventDate, invoiceNumbers: _raw, ...rest } = body;
    const facts: StoredFacts = rest;
    const id = newId();
    const now = clock.iso();
    const member = await memberRepository.findInScope(trx, scope, memberId);
    if (!member) throw new AppError('NOT_FOUND', { field: 'memberId' });
    const unit = member.unit_id ? await claimRepository.unitAgency(trx, scope.officeId, member.unit_id) : undefined;
    // Every claim has an owner: outside a unit, the agency of the member's channel, else the office's own queue.
    const agencyId = unit ? unit.agency_id : await claimRepository.channelAgency(trx, scope.officeId, memberId);
    const { rows, policies } = await assessClaimPolicies(
      trx,
      { id, officeId: scope.officeId, memberId, facts: { ...facts, kind, cause, eventDate, filedOn: today } },
      { policyId },
      now,
    );
    const uses = await claimRepository.invoiceUsers(trx, scope.officeId, invoices, id);
    const flags: ClaimFlag[] = [];
    if (uses.length > 0)
      flags.push(
        duplicateFlag([...new Set(uses.map((u) => u.invoice_number))], [...new Set(uses.map((u) => u.claim_id))]),
      );
    const early = earlyFlag(policies, eventDate);
    if (early) flags.push(early);

    await claimRepository.insert(trx, {
      id,
      office_id: scope.officeId,
      member_id: memberId,
      unit_id: unit?.id ?? null,
      agency_id: agencyId ?? null,
      policy_id: policyId ?? null,
      kind,
      cause,
      event_date: eventDate,
      facts_json: JSON.stringify(facts),
      invoice_numbers_json: JSON.stringify(invoices),
      status: 'submitted',
      flags_json: JSON.stringify(flags),
      assessed_amount_fen: assessedTotal(rows as { payable: number; amount_fen: number }[]),
      filed_on: today,
      filed_by: actor.id,
      created_at: now,
      updated_at: now,
      prechecked_at: null,
      accepted_at: null,
      due_date: null,
      decided_at: null,
      decided_by: null,
      approved_amount_fen: null,
      decision_reason: null,
      override_reason: null,
      return_reason: null,
      overdue: 0,
      notified_overdue_at: null,
      paid_at: null,
      decision_working_days: null,
    });
    await insertMany(trx, 'claim_assessment', rows);
    await insertMany(
      trx,
      'claim_invoice',
      invoices.map((n) => ({ id: newId(), office_id: scope.officeId, claim_id: id, invoice_number: n })),
    );
    await flagEarlier(trx, actor, scope.officeId, id, uses);
    // Medical facts stay out of the audit trail: it records what was filed and what the engine said.
    await audit.record(trx, actor, {
      action: 'claim.create',
      objectType: 'claim',
      objectId: id,
      after: {
        status: 'submitted',
        memberId,
        kind,
        cause,
        eventDate,
        policyIds: rows.map((r) => r.policy_id),
        assessedAmountFen: assessedTotal(rows as { payable: number; amount_fen: number }[]),
        flags: flags.map((f) => f.code),
      },
    });
    return id;
  }

  return {
    fileWithin,
    /**
     * Files a claim: checks the facts, matches it to the member's policies, assesses each with the engine, flags
     * duplicate invoices and early claims, and stores it all in one transaction (or nothing, when anything fails).
     */
    async file(actor: Actor, body: FileClaimBody) {
      requirePermission(actor, 'claim.create');
      const scope = scopeOf(actor);
      const id = await db.transaction().execute((trx) => fileWithin(trx, actor, scope, body));
      return loadClaimDetail(db, scope, id, clock.today());
    },
  };
}
