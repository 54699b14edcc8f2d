import { addDays, termEnd } from '@huzhu/core';
import { sql } from 'kysely';
import type { UnitRow } from '../../src/db/tables.ts';
import { currentVersion } from '../../src/services/product.service.ts';
import { expectOk, newPolicy } from './claims-factory.ts';
import { enrolThroughWorkflow, payClaimThroughPayout, reimportUnit, seededRandom } from './report-flows.ts';
import { type Agent, dbKindUnderTest, makeIdNumber, type TestContext } from './test-context.ts';

/**
 * A deterministic sequence of mixed coverage writes through the app's real paths (policies through the summaries'
 * write mechanism, enrolment batches, registry re-keying, transfers, paid claims), for the tests that prove the
 * summaries equal the plain recomputation after any of them.
 */

const TODAY = '2026-06-30';
const CATEGORIES = ['private', 'soe', 'government', 'institution', 'other', 'social_org'];

interface Held {
  group: string;
  productCode: string;
  start: string;
  end: string;
}
interface PoolMember {
  id: string;
  female: boolean;
  unitId: string | null;
  held: Held[];
}

export async function buildRandomWorld(ctx: TestContext, seed: number) {
  const rnd = seededRandom(seed);
  const agencies = [
    await ctx.newAgency({ code: 'RND-A', name: 'A区代办处' }),
    await ctx.newAgency({ code: 'RND-B', name: 'B区代办处' }),
    await ctx.newAgency({ code: 'RND-C', name: 'C区代办处' }),
  ];
  const units: UnitRow[] = [];
  for (const [i, [category, headcount]] of (
    [
      ['private', 40],
      ['soe', 0],
      ['government', 12],
      ['private', 25],
      ['institution', 60],
      ['other', 0],
      ['other', 15],
      ['private', 30],
    ] as const
  ).entries())
    units.push(await ctx.newUnit({ agency_id: agencies[i % 3]!.id, category, headcount, female_headcount: 0 }));
  const pool: PoolMember[] = [];
  for (let i = 0; i < 16; i += 1) {
    const female = i % 4 === 0;
    const unit = rnd.pick(units);
    const m = await ctx.newMember({
      unit_id: unit.id,
      idNumber: makeIdNumber('1988-08-08', female ? 'female' : 'male'),
    });
    pool.push({ id: m.id, female, unitId: unit.id, held: [] });
  }
  for (let i = 0; i < 3; i += 1) {
    const m = await ctx.newMember({ unit_id: null, employment_kind: 'gig', gig_kind: 'courier' });
    pool.push({ id: m.id, female: false, unitId: null, held: [] });
  }
  const claimUnit = units[3]!;
  const claimants: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    const m = await ctx.newMember({ unit_id: claimUnit.id });
    await newPolicy(ctx, {
      memberId: m.id,
      productCode: 'MED',
      startDate: '2025-06-01',
      unitId: claimUnit.id,
      agencyId: claimUnit.agency_id,
    });
    claimants.push(m.id);
  }
  const agents = {
    admin: await ctx.as('office_admin'),
    reviewer: await ctx.as('office_reviewer'),
    finance: await ctx.as('office_finance'),
  };
  const agencyStaff = new Map<string, Agent>();
  for (const a of agencies) agencyStaff.set(a.id, await ctx.as('agency_staff', { agency_id: a.id }));
  const versions = new Map(
    await Promise.all(
      ['CI_A', 'CI_B', 'FEM', 'ALW', 'MED', 'GIG'].map(
        async (code) => [code, await currentVersion(ctx.handle.db, ctx.office.id, code)] as const,
      ),
    ),
  );
  const unitOf = (id: string) => units.find((u) => u.id === id)!;

  async function writePolicy() {
    for (;;) {
      const m = rnd.pick(pool);
      const codes = m.unitId === null ? ['GIG'] : ['CI_A', 'CI_B', 'ALW', 'MED', ...(m.female ? ['FEM', 'FEM'] : [])];
      let code = rnd.pick(codes);
      let start = addDays('2025-01-01', rnd.int(0, 729));
      let continuous = false;
      const last = m.held.filter((h) => h.group === versions.get(code)!.exclusiveGroup).at(-1);
      if (last && rnd.next() < 0.5) {
        // A renewal the day after the last term of the group.
        code = last.productCode;
        start = addDays(last.end, 1);
        continuous = true;
      }
      const v = versions.get(code)!;
      const end = termEnd(v.term, start);
      if (m.held.some((h) => h.group === v.exclusiveGroup && h.start <= end && start <= h.end)) continue;
      const unit = m.unitId ? unitOf(m.unitId) : null;
      await newPolicy(ctx, {
        memberId: m.id,
        productCode: code,
        startDate: start,
        shares: rnd.int(v.minShares, v.maxShares),
        continuous,
        unitId: unit?.id ?? null,
        agencyId: unit ? unit.agency_id : rnd.pick([null, agencies[0]!.id, agencies[2]!.id]),
      });
      m.held.push({ group: v.exclusiveGroup ?? code, productCode: code, start, end });
      m.held.sort((a, b) => (a.start < b.start ? -1 : 1));
      return `policy ${code} ${start}`;
    }
  }

  let people = 0;
  async function writeEnrolment() {
    const unit = rnd.pick(units);
    const rows = Array.from({ length: rnd.int(1, 3) }, () => {
      people += 1;
      const female = rnd.next() < 0.5;
      return [
        `新员工${'甲乙丙丁戊己庚辛壬癸'[people % 10]}`,
        makeIdNumber(`19${70 + (people % 25)}-03-0${1 + (people % 9)}`, female ? 'female' : 'male'),
        `1380000${String(1000 + people)}`,
        rnd.int(1, 3),
        '在职职工',
        '是',
      ] as [string, string, string, number, string, string];
    });
    const startDate = addDays('2026-07-01', rnd.int(0, 60));
    await enrolThroughWorkflow(
      { creator: agents.admin, approver: agents.reviewer, finance: agents.finance },
      unit.id,
      rows,
      {
        productCode: rnd.pick(['CI_A', 'CI_B']),
        startDate,
        paidOn: TODAY,
      },
    );
    return `enrolment ${rows.length} into ${unit.name} from ${startDate}`;
  }

  async function writeRekey() {
    const unit = rnd.pick(units);
    const moveAgency = rnd.next() < 0.6;
    const agency = moveAgency
      ? rnd.pick(agencies.filter((a) => a.id !== unit.agency_id))
      : agencies.find((a) => a.id === unit.agency_id)!;
    const category = moveAgency ? unit.category : rnd.pick(CATEGORIES.filter((c) => c !== unit.category));
    const headcount = rnd.pick([unit.headcount, 0, 35]);
    await reimportUnit(agents.admin, unit, { agencyCode: agency.code, categoryLabel: category, headcount });
    Object.assign(unit, { agency_id: agency.id, category, headcount });
    return `rekey ${unit.name} → ${agency.code} ${category} ${headcount}`;
  }

  async function writeTransfer() {
    const m = rnd.pick(pool);
    const to = rnd.pick(units.filter((u) => u.id !== m.unitId));
    expectOk(await agents.admin.post(`/api/v1/members/${m.id}/transfer`, { unitId: to.id, fromDate: TODAY }));
    m.unitId = to.id;
    return `transfer to ${to.name}`;
  }

  async function writeClaim() {
    const memberId = claimants.shift()!;
    // Paid at noon (China 2026-06-30) or at 01:00 the next China day, in turn.
    const paidAt = claimants.length % 2 === 0 ? '2026-06-30T04:00:00.000Z' : '2026-06-30T17:00:00.000Z';
    await payClaimThroughPayout(
      ctx,
      { clerk: agents.admin, reviewer: agents.reviewer, finance: agents.finance },
      memberId,
      paidAt,
    );
    return `claim paid ${paidAt}`;
  }

  const kinds = [
    ...Array<() => Promise<string>>(42).fill(writePolicy),
    ...Array<() => Promise<string>>(4).fill(writeEnrolment),
    ...Array<() => Promise<string>>(6).fill(writeRekey),
    ...Array<() => Promise<string>>(4).fill(writeTransfer),
    ...Array<() => Promise<string>>(4).fill(writeClaim),
  ];
  // Fisher–Yates with the seeded generator: the same schedule on every run.
  for (let i = kinds.length - 1; i > 0; i -= 1) {
    const j = rnd.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  return { agencies, units, agents, agencyStaff, writes: kinds, rnd };
}

/**
 * PostgreSQL only: gives the summary tables' text columns a Chinese linguistic collation, as a database created with
 * a zh_CN locale has by default (the test database is C.UTF-8, where every comparison is bytewise). Key ranges that
 * rely on the order of punctuation would then miss rows; the reports must not depend on it.
 */
export async function useChineseCollation(ctx: TestContext): Promise<boolean> {
  if (dbKindUnderTest !== 'postgres') return false;
  const db = ctx.handle.db;
  const found = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_collation where collname = 'zh-Hans-CN-x-icu'`.execute(db);
  if (found.rows[0]?.n !== 1) return false;
  const columns: Record<string, string[]> = {
    cov_member_delta: ['scope', 'day'],
    cov_policy_delta: ['agency_id', 'category', 'product_code', 'day'],
    cov_renewal: ['agency_id', 'category', 'product_code', 'employment_kind', 'end_day'],
    cov_unit_span: ['unit_id', 'from_day', 'to_day'],
    cov_unit_term: ['unit_id', 'product_code', 'start_day', 'end_day'],
    claim_paid_daily: ['agency_id', 'product_code', 'day'],
  };
  for (const [table, cols] of Object.entries(columns))
    for (const col of cols)
      await sql`alter table ${sql.table(table)} alter column ${sql.ref(col)} type text collate "zh-Hans-CN-x-icu"`.execute(
        db,
      );
  return true;
}
