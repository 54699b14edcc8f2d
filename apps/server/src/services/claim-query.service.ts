import {
  type ClaimDetail,
  type ClaimFlag,
  type ClaimListQuery,
  type ClaimStatus,
  type ClaimSummary,
  type BenefitRule,
  type MaterialSlot,
  maskBankAccount,
  materialSlots,
  missingSlots,
  requiredSlots,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { type OrgScope, requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { ClaimMaterialRow, Db } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { claimAssessmentRepository } from '../repositories/claim-assessment.repository.ts';
import { type ClaimSearch, type ClaimView, claimNumberOf, claimRepository } from '../repositories/claim.repository.ts';
import { idNumberHashOf, personTerm } from './search-terms.ts';
import type { StoredFacts } from './claim-assessment.service.ts';

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function toClaimSummary(c: ClaimView, today: string): ClaimSummary {
  return {
    id: c.id,
    number: claimNumberOf(c.id),
    status: c.status as ClaimStatus,
    memberId: c.member_id,
    memberName: c.member_name,
    unitId: c.unit_id,
    unitName: c.unit_name,
    agencyId: c.agency_id,
    kind: c.kind as ClaimSummary['kind'],
    cause: c.cause as ClaimSummary['cause'],
    eventDate: c.event_date,
    flags: JSON.parse(c.flags_json) as ClaimFlag[],
    assessedAmountFen: c.assessed_amount_fen,
    approvedAmountFen: c.approved_amount_fen,
    createdAt: c.created_at,
    acceptedAt: c.accepted_at,
    dueDate: c.due_date,
    decidedAt: c.decided_at,
    paidAt: c.paid_at,
    overdue: c.status === 'accepted' && c.due_date !== null && c.due_date < today,
    channel: c.member_account_id ? 'member_app' : 'staff',
  };
}

export const toMaterial = (m: ClaimMaterialRow) => ({
  id: m.id,
  slot: m.slot,
  slotLabel: materialSlots[m.slot as MaterialSlot] ?? String(m.slot),
  mimeType: m.mime_type,
  sizeBytes: m.size_bytes,
  originalName: m.original_name,
  uploadedAt: m.uploaded_at,
});

/** Everything a reviewer weighs, side by side: member, facts, the engine's explanation per policy, materials, history. */
export async function loadClaimDetail(db: Db, scope: OrgScope, id: string, today: string): Promise<ClaimDetail> {
  const c = await claimRepository.findInScope(db, scope, id);
  if (!c) throw new AppError('NOT_FOUND');
  const [assessments, materials, history] = await Promise.all([
    claimAssessmentRepository.forClaim(db, c.office_id, c.id),
    claimRepository.materials(db, c.office_id, c.id),
    claimRepository.history(db, c.office_id, c.id),
  ]);
  const required = requiredSlots(assessments.flatMap((a) => (a.rule_kind ? [a.rule_kind as BenefitRule['kind']] : [])));
  const facts = JSON.parse(c.facts_json) as StoredFacts;
  return {
    ...toClaimSummary(c, today),
    ...facts,
    invoiceNumbers: JSON.parse(c.invoice_numbers_json) as string[],
    policyId: c.policy_id,
    idNumberMasked: c.id_number_masked,
    bankName: c.bank_name,
    bankAccountMasked: c.bank_account_last4 ? maskBankAccount(`0000${c.bank_account_last4}`) : null,
    filedOn: c.filed_on,
    precheckedAt: c.prechecked_at,
    decidedBy: c.decided_by,
    decisionReason: c.decision_reason,
    overrideReason: c.override_reason,
    returnReason: c.return_reason,
    assessments: assessments.map((a) => ({
      policyId: a.policy_id,
      productCode: a.product_code,
      productName: a.product_name,
      policyStartDate: a.start_date,
      policyEndDate: a.end_date,
      payable: a.payable === 1,
      amountFen: a.amount_fen,
      approvedAmountFen: a.approved_amount_fen,
      ...(a.code ? { code: a.code } : {}),
      ruleKind: a.rule_kind,
      days: a.days,
      endsPolicy: a.ends_policy === 1,
      lines: JSON.parse(a.lines_json) as string[],
    })),
    materials: materials.map(toMaterial),
    requiredSlots: required,
    missingSlots: missingSlots(
      required,
      materials.map((m) => m.slot),
    ),
    history: history.map((h) => ({
      at: h.created_at,
      action: h.action,
      actorName: h.actor_name,
      before: parseJson(h.before_json),
      after: parseJson(h.after_json),
    })),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLAIM_NUMBER = /^[0-9a-f]{8}$/i;

/** The search box's text on the claims list: a claim's full id, its number, else a person (search-terms.ts). */
function claimSearch(q: string, cipher: ServiceDeps['cipher'], today: string): ClaimSearch {
  const text = q.trim();
  if (UUID.test(text)) return { claimId: text.toLowerCase() };
  if (CLAIM_NUMBER.test(text)) return { number: text.toLowerCase() };
  return personTerm(text, cipher, today);
}

export function createClaimQueryService({ db, reader, clock, cipher }: ServiceDeps) {
  return {
    get(actor: Actor, id: string) {
      requirePermission(actor, 'claim.read');
      return loadClaimDetail(db, scopeOf(actor), id, clock.today());
    },

    async list(actor: Actor, q: ClaimListQuery) {
      requirePermission(actor, 'claim.read');
      const today = clock.today();
      const search = q.q ? claimSearch(q.q, cipher, today) : {};
      if (q.idNumber) {
        const hash = idNumberHashOf(q.idNumber, cipher, today);
        // Both given and different: no claim is of two people.
        if (search.idNumberHash && search.idNumberHash !== hash) search.claimId = '-';
        search.idNumberHash = hash;
      }
      const { items, total, totalCapped, counts } = await claimRepository.queue(
        reader,
        scopeOf(actor),
        { ...q, search },
        today,
        q.page,
        q.pageSize,
      );
      return {
        items: items.map((c) => toClaimSummary(c, today)),
        total,
        totalCapped,
        page: q.page,
        pageSize: q.pageSize,
        counts,
      };
    },
  };
}
