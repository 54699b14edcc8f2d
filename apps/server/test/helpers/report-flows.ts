import { assembleStructure, rosterColumns } from '@huzhu/core';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { reportRepository } from '../../src/repositories/report.repository.ts';
import { plainReportRepository } from '../../src/repositories/report-plain.repository.ts';
import { expectOk, inpatientClaim, uploadSlots } from './claims-factory.ts';
import { REGISTRY_HEADER, upload as registryUpload } from './registry.ts';
import type { Agent, TestContext } from './test-context.ts';
import { multipartBody, xlsxOf } from './upload.ts';

/**
 * The real workflows the report tests drive (so the summaries are proved kept by the paths the app takes), and the
 * comparison of the reports' answers with the plain recomputation from the base tables.
 */

export type RosterRow = [name: string, idNumber: string, mobile: string, shares: number, kind: string, medical: string];

/** Roster upload → submit → approve → payment: the batch becomes effective and its policies start. */
export async function enrolThroughWorkflow(
  agents: { creator: Agent; approver: Agent; finance: Agent },
  unitId: string,
  rows: RosterRow[],
  o: { productCode: string; startDate: string; paidOn: string },
) {
  const body = multipartBody(
    { name: 'roster.xlsx', content: await xlsxOf([Object.values(rosterColumns), ...rows]) },
    { productCode: o.productCode, startDate: o.startDate },
  );
  const batch = expectOk(
    await agents.creator.inject({
      method: 'POST',
      url: `/api/v1/units/${unitId}/roster-imports`,
      payload: body.payload,
      headers: body.headers,
    }),
    201,
  );
  expectOk(await agents.creator.post(`/api/v1/enrolment-batches/${batch.id}/submit`));
  expectOk(await agents.approver.post(`/api/v1/enrolment-batches/${batch.id}/approve`, {}));
  const paid = expectOk(
    await agents.finance.post(`/api/v1/enrolment-batches/${batch.id}/payments`, {
      amountFen: batch.totalFeeFen,
      paidOn: o.paidOn,
      bankReference: `R-${batch.id.slice(-6)}`,
    }),
  );
  expect(paid.status).toBe('effective');
  return paid as { id: string; totalFeeFen: number };
}

/**
 * An inpatient claim filed, accepted, approved and paid through a payout batch whose result is recorded at
 * `paidAt` (the clock is moved there for the result). The member needs a MED policy and must be in a unit.
 */
export async function payClaimThroughPayout(
  ctx: TestContext,
  agents: { clerk: Agent; reviewer: Agent; finance: Agent },
  memberId: string,
  paidAt: string,
) {
  expectOk(
    await agents.clerk.patch(`/api/v1/members/${memberId}/bank-account`, {
      bankName: '中国工商银行重庆分行',
      accountNumber: '6222 0212 3456 7890 123',
    }),
  );
  const filed = expectOk(await agents.clerk.post('/api/v1/claims', inpatientClaim(memberId)), 201);
  await uploadSlots(agents.clerk, filed.id);
  expectOk(await agents.clerk.post(`/api/v1/claims/${filed.id}/accept`));
  expectOk(await agents.reviewer.post(`/api/v1/claims/${filed.id}/decision`, { decision: 'approve' }));
  const batch = expectOk(await agents.finance.post('/api/v1/payout-batches', { claimIds: [filed.id] }), 201);
  const before = ctx.clock.now().toISOString();
  ctx.clock.set(paidAt);
  try {
    // Signed in again at the payment instant: it may lie past the session's end.
    const finance = await ctx.login(agents.finance.user);
    expectOk(await finance.post(`/api/v1/payout-batches/${batch.id}/results`, [{ claimId: filed.id, status: 'paid' }]));
  } finally {
    ctx.clock.set(before);
  }
  const claim = await ctx.handle.db
    .selectFrom('claim')
    .select(['id', 'paid_at', 'approved_amount_fen', 'agency_id'])
    .where('id', '=', filed.id)
    .executeTakeFirstOrThrow();
  return claim;
}

/** A registry import of one existing unit (matched by credit code) with a new agency (code), category or headcount. */
export async function reimportUnit(
  admin: Agent,
  unit: { name: string; credit_code: string; headcount: number },
  to: { agencyCode: string; categoryLabel: string; headcount?: number },
) {
  const values: Record<string, string | number> = {
    单位名称: unit.name,
    统一社会信用代码: unit.credit_code,
    单位类别: to.categoryLabel,
    所属行业: '制造业',
    代办处: to.agencyCode,
    职工人数: to.headcount ?? unit.headcount,
    女职工人数: '',
    联系人: '王芳',
    联系电话: '13800138000',
  };
  const res = expectOk(
    await registryUpload(admin, 'units.xlsx', await xlsxOf([REGISTRY_HEADER, REGISTRY_HEADER.map((h) => values[h]!)])),
    201,
  );
  expect(res).toMatchObject({ updatedUnits: 1, createdUnits: 0, rejectedRows: 0 });
}

/** The summary and the structure (office-wide and per agency) the API answers equal the plain recomputation. */
export async function expectReportsEqualPlain(
  ctx: TestContext,
  admin: Agent,
  asOf: string,
  agencyIds: readonly string[],
  agencyAgents: ReadonlyMap<string, Agent> = new Map(),
) {
  const db = ctx.handle.db;
  const officeId = ctx.office.id;
  const summary = expectOk(await admin.get(`/api/v1/reports/summary?asOf=${asOf}`));
  const { asOf: _a, reliefPaid: _r, ...got } = summary;
  expect(got, `summary ${asOf}`).toEqual(await plainReportRepository.summary(db, officeId, asOf, null));
  for (const [agencyId, agent] of agencyAgents) {
    const { asOf: _b, reliefPaid: _s, ...mine } = expectOk(await agent.get(`/api/v1/reports/summary?asOf=${asOf}`));
    expect(mine, `summary ${asOf} of agency ${agencyId}`).toEqual(
      await plainReportRepository.summary(db, officeId, asOf, agencyId),
    );
  }
  const agencyNames = await reportRepository.agencyNames(db, officeId);
  for (const agencyId of [null, ...agencyIds]) {
    const plain = assembleStructure(await plainReportRepository.structureFigures(db, officeId, asOf, agencyId), {
      agencyId,
      agencyNames,
    });
    const query = `asOf=${asOf}${agencyId ? `&agencyId=${agencyId}` : ''}`;
    const res = expectOk(await admin.get(`/api/v1/reports/enrolment-structure?${query}`));
    expect(res.rows, `structure rows ${query}`).toEqual(plain.rows);
    expect(res.total, `structure total ${query}`).toEqual(plain.total);
  }
}

const SUMMARY_TABLES = [
  'cov_member_delta',
  'cov_policy_delta',
  'cov_renewal',
  'cov_unit_span',
  'cov_unit_term',
  'claim_paid_daily',
] as const;

/**
 * Every summary table of the office as sorted text lines, numbers normalised (PostgreSQL answers bigint sums as
 * text) and rows whose values are all 0 left out: a delta summed back to zero is the same as no row.
 */
export async function summaryTableLines(ctx: TestContext): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of SUMMARY_TABLES) {
    const rows = (await ctx.handle.db
      .selectFrom(table)
      .selectAll()
      .where('office_id', '=', ctx.office.id)
      .execute()) as Record<string, unknown>[];
    const lines: string[] = [];
    for (const row of rows) {
      const entries = Object.entries(row).sort(([a], [b]) => a.localeCompare(b));
      const values = entries.filter(([k]) => !KEY_COLUMNS.has(k));
      if (values.length > 0 && values.every(([, v]) => Number(v) === 0)) continue;
      lines.push(entries.map(([k, v]) => `${k}=${KEY_COLUMNS.has(k) ? String(v) : Number(v)}`).join(' '));
    }
    out[table] = lines.sort();
  }
  return out;
}

/** Key columns of the summary tables (text even when they look like numbers); the others are summed values. */
const KEY_COLUMNS = new Set([
  'office_id',
  'scope',
  'day',
  'agency_id',
  'category',
  'product_code',
  'employment_kind',
  'end_day',
  'unit_id',
  'from_day',
  'to_day',
  'start_day',
]);

/** A workbook read back as sheet name → rows of cell values (row 1 the headers; empty cells null). */
export async function readWorkbook(body: Buffer): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  for (const ws of wb.worksheets) {
    const width = ws.columnCount;
    const rows: unknown[][] = [];
    for (let r = 1; r <= ws.rowCount; r += 1) {
      const row = ws.getRow(r);
      const cells: unknown[] = [];
      for (let c = 1; c <= width; c += 1) cells.push(row.getCell(c).value ?? null);
      rows.push(cells);
    }
    sheets.set(ws.name, rows);
  }
  return sheets;
}

/** A deterministic PRNG (mulberry32): the random-write test replays the same sequence on every run. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
