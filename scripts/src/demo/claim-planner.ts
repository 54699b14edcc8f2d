import {
  addDays,
  assessClaim,
  chinaDate,
  type BenefitRule,
  type ClaimKind,
  decisionDueDate,
  diffDays,
  errorMessages,
  type PriorPayment,
  workingDaysBetween,
} from '@huzhu/core';
import type { BulkRow, PiiCipher } from '@huzhu/server';
import { type DemoProduct, instantOn, type MemberCoverage } from './policy-issue.ts';
import { type Draft, draftClaim } from './claim-facts.ts';
import type { Rng } from './prng.ts';

/** Claims of one office: what a claim needs beyond its member, and what the office's claims share. */
export interface ClaimEnv {
  officeId: string;
  today: string;
  /** Product versions by id. */
  versions: ReadonlyMap<string, DemoProduct>;
  filerId: string;
  reviewerId: string;
  financeId: string;
  cipher: PiiCipher;
  newId(): string;
  /** The payout batch of a payment day (created on first use). */
  payoutBatch(day: string): string;
  state: OfficeClaimState;
}

export interface OfficeClaimState {
  /** A decided claim's invoice, reused now and then to show the duplicate-invoice guard. */
  lastDecidedInvoice: { number: string; claimId: string } | null;
  counts: Map<string, number>;
  /**
   * Per product and year: contributions of the policies started that year and benefits paid that year so far, to
   * keep each fund's yearly loss ratio believable.
   */
  fund?: Map<string, { inFen: number; outFen: number }>;
}

export interface MemberClaims {
  claims: BulkRow<'claim'>[];
  assessments: BulkRow<'claim_assessment'>[];
  invoices: BulkRow<'claim_invoice'>[];
  payoutItems: BulkRow<'payout_item'>[];
}

// Chance that a policy has a claim (a second one for a fifth of those), by product: a critical-illness lump sum is
// claimed on by about one member in a hundred a year, a hospital allowance by one in five. A paid claim that would
// take its product's payouts of its payment year past MAX_LOSS_RATIO of that year's contributions is not drawn, so
// every product pays out 55–90 % of what it takes in, as a mutual-aid fund does, whatever the luck of the draws.
const CLAIM_RATE: Record<string, number> = {
  CI_A: 0.01,
  CI_B: 0.009,
  FEM: 0.015,
  ALW: 0.22,
  MED: 0.04,
  GIG: 0.03,
  GIG_GIFT: 0.03,
  SHORT_ACC: 0.02,
};
const MAX_LOSS_RATIO = 0.85;
/** A gift policy costs the worker nothing; its sponsor pays this per policy into the fund. */
const GIFT_SPONSOR_FEE_FEN = 2_500;
const EARLY_CLAIM_DAYS = 30;
const DUPLICATE_SHARE = 0.006;
const BANKS = ['中国工商银行', '中国农业银行', '中国建设银行', '中国银行', '重庆农村商业银行', '重庆银行'];
const ruleFor = (p: DemoProduct, kind: ClaimKind): BenefitRule | undefined =>
  p.version.benefits.find((b) => b.claimKinds.includes(kind));

/**
 * A member's claims, as filing, decisions and payouts would have left them: each matched to every policy of the
 * member that covers the event, assessed by the engine with what the policy had already granted, then taken as
 * far along the workflow as its dates allow. Lump sums that were granted end their policy (state paid_out).
 */
export function planMemberClaims(
  rng: Rng,
  member: BulkRow<'member'>,
  cover: MemberCoverage,
  place: { unitId: string | null; agencyId: string | null },
  env: ClaimEnv,
): MemberClaims {
  const out: MemberClaims = { claims: [], assessments: [], invoices: [], payoutItems: [] };
  const drafts: Draft[] = [];
  env.state.fund ??= new Map();
  const fund = env.state.fund;
  const fundOf = (code: string, day: string) => {
    const key = `${code} ${day.slice(0, 4)}`;
    const f = fund.get(key) ?? { inFen: 0, outFen: 0 };
    fund.set(key, f);
    return f;
  };
  for (const policy of cover.policies)
    fundOf(policy.product_code, policy.start_date).inFen +=
      policy.product_code === 'GIG_GIFT' ? GIFT_SPONSOR_FEE_FEN : policy.fee_fen;
  for (const policy of cover.policies) {
    const product = env.versions.get(policy.product_version_id)!;
    if (!rng.chance(CLAIM_RATE[policy.product_code] ?? 0)) continue;
    const n = rng.chance(0.2) ? 2 : 1;
    for (let i = 0; i < n; i++) {
      const d = draftClaim(rng, policy, product, env.today);
      if (d) drafts.push(d);
    }
  }
  if (drafts.length === 0) return out;
  drafts.sort((a, b) => (a.facts.filedOn < b.facts.filedOn ? -1 : a.facts.filedOn > b.facts.filedOn ? 1 : 0));
  if (!member.bank_account_enc) {
    const account = `6217${String(rng.int(0, 99_999_999)).padStart(8, '0')}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    member.bank_name = rng.pick(BANKS);
    member.bank_account_enc = env.cipher.encrypt(account);
    member.bank_account_last4 = account.slice(-4);
  }
  // What each policy has granted so far: the engine's PriorPayment input.
  const granted = new Map<string, PriorPayment[]>();
  let lastFiled = '';
  for (const d of drafts) {
    // One claim a day per member keeps "earlier claims" well defined for the caps.
    if (d.facts.filedOn === lastFiled) continue;
    lastFiled = d.facts.filedOn;
    const { eventDate, kind } = d.facts;
    const covering = cover.policies.filter(
      (p) => p.state !== 'cancelled' && ruleFor(env.versions.get(p.product_version_id)!, kind),
    );
    const onDate = covering.filter((p) => p.start_date <= eventDate && eventDate <= p.end_date);
    const matched = onDate.length > 0 ? onDate : covering;
    const claimId = env.newId();
    const rows = matched.map((p) => {
      const product = env.versions.get(p.product_version_id)!;
      const a = assessClaim(
        product.version,
        {
          id: p.id,
          shares: p.shares,
          startDate: p.start_date,
          endDate: p.end_date,
          waitingEndDate: p.waiting_end_date ?? null,
          accidentWaitingEndDate: p.accident_waiting_end_date ?? null,
          state: p.state as 'in_force' | 'paid_out',
        },
        d.facts,
        granted.get(p.id) ?? [],
      );
      return { policy: p, a, ruleKind: a.payable ? a.ruleKind : (ruleFor(product, kind)?.kind ?? null) };
    });
    const assessed = rows.reduce((s, r) => s + (r.a.payable ? r.a.amountFen : 0), 0);
    const status = decideStatus(rng, d, assessed > 0, env);
    const flags: { code: string; message: string; details: unknown }[] = [];
    const invoices = [...d.invoices];
    if (status.duplicateOf) {
      invoices.splice(0, invoices.length, status.duplicateOf.number);
      flags.push({
        code: 'DUPLICATE_INVOICE',
        message: `发票号 ${status.duplicateOf.number} 已在其他申领中使用`,
        details: { invoiceNumbers: [status.duplicateOf.number], claimIds: [status.duplicateOf.claimId] },
      });
    }
    const early = matched.filter(
      (p) => p.continuous === 0 && p.start_date <= eventDate && diffDays(p.start_date, eventDate) < EARLY_CLAIM_DAYS,
    );
    if (early.length > 0)
      flags.push({
        code: 'EARLY_CLAIM',
        message: `事件发生在保障开始后第 ${Math.min(...early.map((p) => diffDays(p.start_date, eventDate) + 1))} 天（${EARLY_CLAIM_DAYS} 天内），请重点审核`,
        details: { policyIds: early.map((p) => p.id) },
      });
    const isGranted = ['approved', 'paid', 'payout_failed'].includes(status.status);
    if (status.status === 'paid') {
      const funds = rows
        .filter((r) => r.a.payable)
        .map((r) => ({ f: fundOf(r.policy.product_code, addDays(status.payOn!, 1)), r }));
      if (funds.some(({ f, r }) => f.outFen + r.a.amountFen > MAX_LOSS_RATIO * f.inFen)) continue;
      for (const { f, r } of funds) f.outFen += r.a.amountFen;
    }
    const t = status.times;
    const refusal = rows.find((r) => !r.a.payable)?.a;
    out.claims.push({
      id: claimId,
      office_id: env.officeId,
      member_id: member.id,
      unit_id: place.unitId,
      agency_id: place.agencyId,
      policy_id: null,
      kind,
      cause: d.facts.cause,
      event_date: eventDate,
      facts_json: JSON.stringify(d.stored),
      invoice_numbers_json: JSON.stringify(invoices),
      status: status.status,
      flags_json: JSON.stringify(flags),
      assessed_amount_fen: assessed,
      filed_on: d.facts.filedOn,
      filed_by: env.filerId,
      created_at: t.filed,
      updated_at: t.updated,
      prechecked_at: null,
      accepted_at: t.accepted ?? null,
      due_date: status.status === 'accepted' ? decisionDueDate(t.accepted!.slice(0, 10)) : null,
      decided_at: t.decided ?? null,
      decided_by: t.decided ? env.reviewerId : null,
      decision_working_days:
        t.decided && t.accepted
          ? workingDaysBetween(chinaDate(new Date(t.accepted)), chinaDate(new Date(t.decided)))
          : null,
      approved_amount_fen: isGranted ? assessed : null,
      decision_reason:
        status.status === 'rejected' && refusal && !refusal.payable ? `${errorMessages[refusal.code]}` : null,
      override_reason: null,
      return_reason: status.status === 'returned' ? '请补充医院出具的费用明细清单和出院小结' : null,
      overdue: 0,
      notified_overdue_at: null,
      paid_at: status.status === 'paid' ? t.resolved! : null,
    });
    for (const r of rows) {
      const approved = isGranted ? (r.a.payable ? r.a.amountFen : 0) : null;
      out.assessments.push({
        id: env.newId(),
        office_id: env.officeId,
        claim_id: claimId,
        policy_id: r.policy.id,
        payable: r.a.payable ? 1 : 0,
        amount_fen: r.a.amountFen,
        approved_amount_fen: approved,
        code: r.a.payable ? null : r.a.code,
        rule_kind: r.ruleKind,
        days: r.a.payable ? (r.a.days ?? null) : null,
        ends_policy: r.a.payable && r.a.endsPolicy ? 1 : 0,
        lines_json: JSON.stringify(r.a.lines),
        assessed_at: t.decided ?? t.filed,
      });
      if (!isGranted || !r.ruleKind) continue;
      const prior = granted.get(r.policy.id) ?? [];
      const days = r.a.payable ? r.a.days : undefined;
      prior.push({ ruleKind: r.ruleKind, amountFen: approved ?? 0, ...(days === undefined ? {} : { days }) });
      granted.set(r.policy.id, prior);
      if (r.ruleKind === 'lump_sum' && approved) r.policy.state = 'paid_out';
    }
    for (const n of invoices)
      out.invoices.push({ id: env.newId(), office_id: env.officeId, claim_id: claimId, invoice_number: n });
    if (['paid', 'rejected', 'approved'].includes(status.status) && invoices.length > 0 && !status.duplicateOf)
      env.state.lastDecidedInvoice = { number: invoices[0]!, claimId };
    if (status.status === 'paid' || status.status === 'payout_failed') {
      const paid = status.status === 'paid';
      out.payoutItems.push({
        id: env.newId(),
        office_id: env.officeId,
        batch_id: env.payoutBatch(status.payOn!),
        claim_id: claimId,
        member_id: member.id,
        amount_fen: assessed,
        payee_name: member.name,
        bank_name: member.bank_name!,
        account_enc: member.bank_account_enc!,
        account_last4: member.bank_account_last4!,
        status: paid ? 'paid' : 'failed',
        reason: paid ? null : '户名与账号不符',
        pending_claim_id: null,
        paid_claim_id: paid ? claimId : null,
        created_at: instantOn(status.payOn!, 1),
        resolved_at: t.resolved!,
        resolved_by: env.financeId,
      });
    }
    env.state.counts.set(status.status, (env.state.counts.get(status.status) ?? 0) + 1);
  }
  return out;
}

interface Decided {
  status: string;
  times: { filed: string; updated: string; accepted?: string; decided?: string; resolved?: string };
  payOn?: string;
  duplicateOf?: { number: string; claimId: string };
}

/**
 * How far a claim got by today: accepted 0–3 days after filing, decided 1–6 days later, paid 3–12 days after that.
 * A few stall on the way (returned, awaiting decision past the due date, a failed transfer); the first claims of an
 * office take each rarer state so that even the smallest demo shows all of them.
 */
function decideStatus(rng: Rng, d: Draft, payable: boolean, env: ClaimEnv): Decided {
  const { today, state } = env;
  const none = (s: string) => (state.counts.get(s) ?? 0) === 0;
  const filedOn = d.facts.filedOn;
  const acceptedOn = addDays(filedOn, rng.int(0, 3));
  const decidedOn = addDays(acceptedOn, rng.int(1, 6));
  const payOn = addDays(decidedOn, rng.int(3, 12));
  const filed = instantOn(filedOn, 2, rng.int(0, 59));
  const accepted = instantOn(acceptedOn, 3, rng.int(0, 59));
  const decided = instantOn(decidedOn, 6, rng.int(0, 59));
  const resolved = instantOn(addDays(payOn, 1), 3);
  const recent = diffDays(filedOn, today) <= 40;
  const dup = state.lastDecidedInvoice;
  if (
    d.invoices.length > 0 &&
    dup &&
    recent &&
    (none('duplicate') || rng.chance(DUPLICATE_SHARE)) &&
    acceptedOn <= today
  ) {
    state.counts.set('duplicate', (state.counts.get('duplicate') ?? 0) + 1);
    return { status: 'accepted', times: { filed, updated: accepted, accepted }, duplicateOf: dup };
  }
  if (acceptedOn > today || (recent && (none('submitted') || rng.chance(0.1))))
    return { status: 'submitted', times: { filed, updated: filed } };
  if ((recent && rng.chance(0.08)) || (!recent && (none('returned') || rng.chance(0.005))))
    return { status: 'returned', times: { filed, updated: decided, accepted } };
  // Undecided past the due date: the overdue claims of the work queue.
  if (decidedOn > today || (recent && (none('accepted') || rng.chance(0.25))))
    return { status: 'accepted', times: { filed, updated: accepted, accepted } };
  if (!payable) return { status: 'rejected', times: { filed, updated: decided, accepted, decided } };
  if (addDays(payOn, 1) > today) return { status: 'approved', times: { filed, updated: decided, accepted, decided } };
  const failed = none('payout_failed') || rng.chance(0.012);
  return {
    status: failed ? 'payout_failed' : 'paid',
    times: { filed, updated: resolved, accepted, decided, resolved },
    payOn,
  };
}
