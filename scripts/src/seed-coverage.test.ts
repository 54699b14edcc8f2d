import { addDays, assessClaim, coverageTerms, type HeldPolicy, type PriorPayment, type BenefitRule } from '@huzhu/core';
import type { Db } from '@huzhu/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoProduct } from './demo/policy-issue.ts';
import { officeProducts } from './demo/people-loader.ts';
import { seedDemo } from './index.ts';
import { cipher, clock, emptyDatabase, PASSWORD, pgUrl, TODAY } from './testing/empty-database.ts';

const PRODUCTS = ['CI_A', 'CI_B', 'FEM', 'ALW', 'MED', 'GIG', 'GIG_GIFT', 'SHORT_ACC'];
const GRANTED = ['approved', 'paid', 'payout_failed'];

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function load(seed: number) {
  const db = await emptyDatabase();
  const summary = await seedDemo({ handle: db.handle, cipher, clock }, { scale: 'tiny', seed, password: PASSWORD });
  return { db, summary };
}

/** What a load generated, without the ids, nonces and tokens that differ between loads. */
async function fingerprint(d: Db) {
  const policies = await d
    .selectFrom('policy')
    .innerJoin('member', 'member.id', 'policy.member_id')
    .select(['member.id_number_hash', 'product_code', 'shares', 'start_date', 'end_date', 'continuous', 'state'])
    .execute();
  const claims = await d
    .selectFrom('claim')
    .innerJoin('member', 'member.id', 'claim.member_id')
    .select(['member.id_number_hash', 'kind', 'event_date', 'filed_on', 'status', 'assessed_amount_fen', 'flags_json'])
    .execute();
  const key = (r: object) => JSON.stringify(Object.values(r));
  // Flags name policy and claim ids, which differ between loads: their codes are what must match.
  const flagCodes = (json: string) => (JSON.parse(json) as { code: string }[]).map((f) => f.code);
  return {
    policies: policies.map(key).sort(),
    claims: claims.map((c) => key({ ...c, flags_json: flagCodes(c.flags_json) })).sort(),
  };
}

describe(`demo policies and claims (tiny) on ${pgUrl ? 'postgres' : 'sqlite'}`, () => {
  let db: Awaited<ReturnType<typeof emptyDatabase>>;
  let d: Db;
  let cq: string;
  let products: Map<string, DemoProduct>;
  let versions: Map<string, DemoProduct>;
  let policies: Awaited<ReturnType<typeof allPolicies>>;
  let first: Awaited<ReturnType<typeof fingerprint>>;
  const allPolicies = () => d.selectFrom('policy').selectAll().where('office_id', '=', cq).execute();

  beforeAll(async () => {
    ({ db } = await load(7));
    d = db.handle.db;
    cq = (await d.selectFrom('office').select('id').where('code', '=', 'CQ').executeTakeFirstOrThrow()).id;
    products = await officeProducts(db.handle, cq);
    versions = new Map([...products.values()].map((p) => [p.id, p]));
    policies = await allPolicies();
    first = await fingerprint(d);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has policies of every demo product in force today, and expired ones', () => {
    for (const code of PRODUCTS) {
      const inForce = policies.filter(
        (p) => p.product_code === code && p.state === 'in_force' && p.start_date <= TODAY && TODAY <= p.end_date,
      );
      expect(inForce.length, code).toBeGreaterThan(0);
    }
    expect(policies.filter((p) => p.end_date < TODAY).length).toBeGreaterThan(100);
    const gig = policies.filter((p) => p.product_code.startsWith('GIG') || p.product_code === 'SHORT_ACC');
    expect(gig.every((p) => p.batch_id === null)).toBe(true);
    expect(gig.some((p) => p.unit_id === null)).toBe(true);
    const shares = new Set(policies.map((p) => p.shares));
    expect(shares.has(1) && shares.has(2) && shares.has(3)).toBe(true);
  });

  it('gives every policy the dates, fee and continuity coverageTerms gives for its start', () => {
    const byMember = groupBy(policies, (p) => p.member_id);
    const byId = new Map(policies.map((p) => [p.id, p]));
    let renewals = 0;
    for (const mine of byMember.values()) {
      for (const p of mine) {
        const held: HeldPolicy[] = mine
          .filter((h) => h.end_date < p.start_date)
          .map((h) => ({
            productCode: h.product_code,
            exclusiveGroup: h.exclusive_group,
            startDate: h.start_date,
            endDate: h.end_date,
          }));
        const t = coverageTerms(versions.get(p.product_version_id)!.version, p.shares, p.start_date, held);
        expect([p.end_date, p.waiting_end_date, p.accident_waiting_end_date, p.continuous === 1, p.fee_fen]).toEqual([
          t.endDate,
          t.waitingEndDate,
          t.accidentWaitingEndDate,
          t.continuous,
          t.feeFen,
        ]);
        // No member holds two overlapping policies of one product or exclusive group.
        const rivals = mine.filter(
          (o) =>
            o !== p &&
            (o.product_code === p.product_code ||
              (p.exclusive_group !== null && o.exclusive_group === p.exclusive_group)),
        );
        for (const o of rivals) expect(o.start_date > p.end_date || o.end_date < p.start_date).toBe(true);
        if (p.renewal_of) {
          renewals += 1;
          const prev = byId.get(p.renewal_of)!;
          expect([prev.member_id, prev.product_code, p.continuous, p.waiting_end_date]).toEqual([
            p.member_id,
            p.product_code,
            1,
            null,
          ]);
          expect(prev.end_date < p.start_date).toBe(true);
        }
      }
    }
    expect(renewals).toBeGreaterThan(100);
    expect(policies.some((p) => p.continuous === 0 && p.waiting_end_date !== null)).toBe(true);
  });

  it('sells unit products through effective batches whose totals add up, and keeps covered_until', async () => {
    const batches = await d.selectFrom('enrolment_batch').selectAll().where('office_id', '=', cq).execute();
    const items = await d.selectFrom('enrolment_item').selectAll().where('office_id', '=', cq).execute();
    const itemsOf = groupBy(items, (i) => i.batch_id);
    const policiesOf = groupBy(
      policies.filter((p) => p.batch_id),
      (p) => p.batch_id!,
    );
    for (const b of batches) {
      const mine = itemsOf.get(b.id) ?? [];
      const sold = policiesOf.get(b.id) ?? [];
      const fee = mine.reduce((s, i) => s + i.fee_fen, 0);
      expect([b.status, b.total_rows, b.total_fee_fen, b.paid_amount_fen, sold.length]).toEqual([
        'effective',
        mine.length,
        fee,
        fee,
        mine.length,
      ]);
      expect(sold.every((p) => p.start_date === b.requested_start && p.product_code === b.product_code)).toBe(true);
      expect(b.paid_on! < b.requested_start).toBe(true);
    }
    const units = await d
      .selectFrom('unit')
      .leftJoin('member', 'member.unit_id', 'unit.id')
      .select(['unit.id', 'unit.covered_until', (eb) => eb.fn.count('member.id').as('members')])
      .where('unit.office_id', '=', cq)
      .groupBy(['unit.id', 'unit.covered_until'])
      .execute();
    for (const u of units) {
      const ends = policies.filter((p) => p.unit_id === u.id && p.batch_id).map((p) => p.end_date);
      expect(u.covered_until, u.id).toBe(ends.length ? ends.sort().at(-1) : null);
    }
    const withMembers = units.filter((u) => Number(u.members) > 0);
    expect(withMembers.some((u) => u.covered_until !== null && u.covered_until >= TODAY)).toBe(true);
    expect(withMembers.some((u) => u.covered_until !== null && u.covered_until < TODAY)).toBe(true);
    expect(withMembers.some((u) => u.covered_until === null)).toBe(true);
  });

  it('has claims in every state, overdue ones and duplicate invoices', async () => {
    const claims = await d.selectFrom('claim').selectAll().execute();
    const states = new Set(claims.map((c) => c.status));
    for (const s of ['submitted', 'accepted', 'returned', 'approved', 'rejected', 'paid', 'payout_failed'])
      expect(states.has(s), s).toBe(true);
    expect(claims.some((c) => c.status === 'accepted' && c.due_date! < TODAY)).toBe(true);
    // Overdue claims are from the last weeks, never years back.
    const waiting = claims.filter((c) => c.status === 'accepted' || c.status === 'submitted');
    expect(
      waiting.every((c) => c.filed_on >= addDays(TODAY, -60)),
      'waiting claims filed within 60 days',
    ).toBe(true);
    expect(claims.some((c) => c.flags_json.includes('DUPLICATE_INVOICE'))).toBe(true);
    expect(claims.every((c) => c.filed_on <= TODAY && c.event_date <= c.filed_on)).toBe(true);
    const rejected = await d
      .selectFrom('claim_assessment')
      .innerJoin('claim', 'claim.id', 'claim_assessment.claim_id')
      .select('claim_assessment.code')
      .where('claim.status', '=', 'rejected')
      .execute();
    expect(rejected.every((r) => r.code !== null)).toBe(true);
  });

  it('keeps every product fund believable: a year pays out at most 85 % of the contributions it started', async () => {
    const fees = new Map<string, number>();
    for (const p of policies) {
      const key = `${p.product_code} ${p.start_date.slice(0, 4)}`;
      fees.set(key, (fees.get(key) ?? 0) + (p.product_code === 'GIG_GIFT' ? 2_500 : p.fee_fen));
    }
    // Paid on the day the money left (claim.paid_at, mid-morning China time), as the fund-health report counts it.
    const paid = await d
      .selectFrom('claim')
      .innerJoin('claim_assessment', 'claim_assessment.claim_id', 'claim.id')
      .innerJoin('policy', 'policy.id', 'claim_assessment.policy_id')
      .select(['policy.product_code', 'claim.paid_at', 'claim_assessment.approved_amount_fen'])
      .where('claim.status', '=', 'paid')
      .where('claim.office_id', '=', cq)
      .execute();
    const out = new Map<string, number>();
    for (const r of paid) {
      const key = `${r.product_code} ${String(r.paid_at).slice(0, 4)}`;
      out.set(key, (out.get(key) ?? 0) + Number(r.approved_amount_fen ?? 0));
    }
    expect(out.size).toBeGreaterThan(0);
    for (const [key, amount] of out) expect(amount, key).toBeLessThanOrEqual(0.85 * (fees.get(key) ?? 0));
  });

  it('pays each paid claim exactly once, for the amount the engine assesses with earlier grants', async () => {
    const claims = await d.selectFrom('claim').selectAll().where('office_id', '=', cq).execute();
    const items = await d.selectFrom('payout_item').selectAll().where('office_id', '=', cq).execute();
    const rows = await d.selectFrom('claim_assessment').selectAll().where('office_id', '=', cq).execute();
    const claimById = new Map(claims.map((c) => [c.id, c]));
    const policyById = new Map(policies.map((p) => [p.id, p]));
    const itemsOf = groupBy(items, (i) => i.claim_id ?? '');
    for (const c of claims.filter((x) => x.status === 'paid')) {
      const paid = (itemsOf.get(c.id) ?? []).filter((i) => i.status === 'paid');
      expect(paid.map((i) => [i.amount_fen, i.paid_claim_id])).toEqual([[c.approved_amount_fen, c.id]]);
    }
    for (const c of claims.filter((x) => x.status === 'payout_failed'))
      expect((itemsOf.get(c.id) ?? []).map((i) => i.status)).toEqual(['failed']);
    const grantedOn = groupBy(
      rows.filter((r) => GRANTED.includes(claimById.get(r.claim_id)!.status)),
      (r) => r.policy_id,
    );
    let checked = 0;
    for (const r of rows) {
      const c = claimById.get(r.claim_id)!;
      const p = policyById.get(r.policy_id)!;
      const earlier = (grantedOn.get(p.id) ?? []).filter((g) => claimById.get(g.claim_id)!.filed_on < c.filed_on);
      const prior: PriorPayment[] = earlier
        .filter((g) => g.rule_kind)
        .map((g) => ({
          ruleKind: g.rule_kind as BenefitRule['kind'],
          amountFen: g.approved_amount_fen ?? 0,
          ...(g.days === null ? {} : { days: g.days }),
        }));
      const paidOutBefore = earlier.some((g) => g.rule_kind === 'lump_sum' && (g.approved_amount_fen ?? 0) > 0);
      const a = assessClaim(
        versions.get(p.product_version_id)!.version,
        {
          id: p.id,
          shares: p.shares,
          startDate: p.start_date,
          endDate: p.end_date,
          waitingEndDate: p.waiting_end_date,
          accidentWaitingEndDate: p.accident_waiting_end_date,
          state: paidOutBefore ? 'paid_out' : 'in_force',
        },
        { ...JSON.parse(c.facts_json), kind: c.kind, cause: c.cause, eventDate: c.event_date, filedOn: c.filed_on },
        prior,
      );
      expect([r.payable === 1, r.amount_fen, r.code], c.id).toEqual([
        a.payable,
        a.amountFen,
        a.payable ? null : a.code,
      ]);
      if (GRANTED.includes(c.status)) expect(r.approved_amount_fen).toBe(a.amountFen);
      if (r.rule_kind === 'lump_sum' && GRANTED.includes(c.status) && a.payable) expect(p.state).toBe('paid_out');
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('gives the same policies and claims for the same seed and day', async () => {
    const again = await load(7);
    try {
      const b = await fingerprint(again.db.handle.db);
      expect(b.policies).toEqual(first.policies);
      expect(b.claims).toEqual(first.claims);
    } finally {
      await again.db.close();
    }
  });
});
