import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { bulkInsert } from '../src/db/bulk.ts';
import { newId } from '../src/ids.ts';
import { claimQueueCountRepository } from '../src/repositories/claim-queue-count.repository.ts';
import {
  acceptedClaim,
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  inpatientClaim,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

/**
 * The claims queue's counts are maintained figures (migration 0019): triggers on `claim` append +1 / −1 rows, the
 * queue sums them. Whatever writes a claim — the workflow, a bulk load, a plain UPDATE or DELETE — the queue's total,
 * overdue and due-today counts equal a direct count of the claims, before and after compaction.
 */
const TODAY = '2026-03-02';

describe('claims queue counts, maintained by triggers', () => {
  let ctx: TestContext;
  let w: ClaimsWorld;
  let other: { agencyId: string; unitId: string; memberId: string };

  const row = (i: number, o: { status: string; due?: string | null; agencyId?: string | null; unitId?: string }) => ({
    id: newId(),
    office_id: ctx.office.id,
    member_id: w.member.id,
    unit_id: o.unitId ?? w.unit.id,
    agency_id: o.agencyId === undefined ? w.agency.id : o.agencyId,
    policy_id: null,
    kind: 'inpatient',
    cause: 'illness',
    event_date: '2026-01-10',
    facts_json: '{}',
    invoice_numbers_json: '[]',
    status: o.status,
    due_date: o.due ?? null,
    flags_json: '[]',
    assessed_amount_fen: 0,
    filed_on: '2026-02-01',
    filed_by: w.callers.unit.user.id,
    created_at: new Date(Date.parse('2026-03-01T00:00:00Z') - i * 1000).toISOString(),
    updated_at: '2026-03-01T00:00:00.000Z',
    overdue: 0,
  });

  /** The oracle: the same figures counted from the claims themselves. */
  async function direct(agencyId?: string) {
    const agencyFilter = agencyId ? sql`and agency_id = ${agencyId}` : sql``;
    const r = await sql<{ total: number; accepted: number; overdue: number; due_today: number }>`
      select count(*) as total,
        coalesce(sum(case when status = 'accepted' then 1 else 0 end), 0) as accepted,
        coalesce(sum(case when status = 'accepted' and due_date < ${TODAY} then 1 else 0 end), 0) as overdue,
        coalesce(sum(case when status = 'accepted' and due_date = ${TODAY} then 1 else 0 end), 0) as due_today
      from claim where office_id = ${ctx.office.id} ${agencyFilter}`.execute(ctx.handle.db);
    const x = r.rows[0]!;
    return {
      total: Number(x.total),
      accepted: Number(x.accepted),
      overdue: Number(x.overdue),
      dueToday: Number(x.due_today),
    };
  }

  async function expectQueueMatches() {
    const office = await direct();
    const all = expectOk(await w.callers.reviewer.get('/api/v1/claims?page=1&pageSize=5'));
    expect(all).toMatchObject({
      total: office.total,
      totalCapped: false,
      counts: { overdue: office.overdue, dueToday: office.dueToday },
    });
    const accepted = expectOk(await w.callers.reviewer.get('/api/v1/claims?status=accepted&pageSize=5'));
    expect(accepted.total).toBe(office.accepted);
    const late = expectOk(await w.callers.reviewer.get('/api/v1/claims?overdue=true&pageSize=100'));
    expect(late.total).toBe(office.overdue);
    expect(late.items).toHaveLength(Math.min(office.overdue, 100));
    const notLate = expectOk(await w.callers.reviewer.get('/api/v1/claims?overdue=false&pageSize=5'));
    expect(notLate.total).toBe(office.total - office.overdue);

    const mine = await direct(w.agency.id);
    const agency = expectOk(await w.callers.agency.get('/api/v1/claims?pageSize=5'));
    expect(agency).toMatchObject({ total: mine.total, counts: { overdue: mine.overdue, dueToday: mine.dueToday } });
    // Office staff choosing an agency get that agency's figures.
    const chosen = expectOk(await w.callers.reviewer.get(`/api/v1/claims?agencyId=${other.agencyId}&pageSize=5`));
    expect(chosen.total).toBe((await direct(other.agencyId)).total);
    // Agency staff asking for another agency's queue see nothing, counts included.
    const elsewhere = expectOk(await w.callers.agency.get(`/api/v1/claims?agencyId=${other.agencyId}`));
    expect(elsewhere).toMatchObject({ total: 0, items: [] });
  }

  beforeAll(async () => {
    ctx = await createTestContext({ now: `${TODAY}T02:00:00.000Z` });
    w = await buildClaimsWorld(ctx);
    const agency = await ctx.newAgency({ name: '渝北区代办处' });
    const unit = await ctx.newUnit({ agency_id: agency.id, name: '渝北二厂' });
    const member = await ctx.newMember({ unit_id: unit.id, name: '王芳' });
    other = { agencyId: agency.id, unitId: unit.id, memberId: member.id };
  });
  afterAll(() => ctx.close());

  it('follows bulk loads, plain updates and deletes, and survives compaction', async () => {
    await expectQueueMatches();
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => row(i, { status: 'submitted' })),
      ...Array.from({ length: 12 }, (_, i) => row(100 + i, { status: 'accepted', due: '2026-02-20' })),
      ...Array.from({ length: 7 }, (_, i) => row(200 + i, { status: 'accepted', due: TODAY })),
      ...Array.from({ length: 5 }, (_, i) => row(300 + i, { status: 'accepted', due: '2026-03-09' })),
      ...Array.from({ length: 9 }, (_, i) => row(400 + i, { status: 'paid', due: '2025-12-01' })),
      ...Array.from({ length: 4 }, (_, i) =>
        row(500 + i, { status: 'accepted', due: '2026-02-01', agencyId: other.agencyId, unitId: other.unitId }),
      ),
      ...Array.from({ length: 3 }, (_, i) => row(600 + i, { status: 'submitted', agencyId: null })),
    ];
    await bulkInsert(ctx.handle, 'claim', rows);
    await expectQueueMatches();

    const db = ctx.handle.db;
    // Overdue claims decided, a due date moved, a claim moved to the other agency, claims deleted.
    const late = rows.filter((r) => r.due_date === '2026-02-20').map((r) => r.id);
    await db.updateTable('claim').set({ status: 'approved' }).where('id', 'in', late.slice(0, 5)).execute();
    await db.updateTable('claim').set({ due_date: '2026-02-25' }).where('id', '=', late[6]!).execute();
    await db.updateTable('claim').set({ due_date: TODAY }).where('id', '=', late[7]!).execute();
    await db.updateTable('claim').set({ agency_id: other.agencyId }).where('id', '=', rows[0]!.id).execute();
    // A write that touches none of the key columns appends nothing.
    const before = await db
      .selectFrom('claim_queue_delta')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    await db.updateTable('claim').set({ updated_at: '2026-03-02T01:00:00.000Z' }).where('id', 'in', late).execute();
    const after = await db
      .selectFrom('claim_queue_delta')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    await db.deleteFrom('claim').where('id', 'in', [rows[1]!.id, rows[2]!.id, late[8]!]).execute();
    await expectQueueMatches();

    const folded = await claimQueueCountRepository.compact(ctx.handle);
    expect(folded).toBeGreaterThan(0);
    const keys = await db.selectFrom('claim_queue_delta').selectAll().execute();
    // One row per key after compaction, none that sums to zero.
    const seen = new Set(keys.map((k) => `${k.office_id}|${k.agency_key}|${k.status}|${k.due_key}`));
    expect(seen.size).toBe(keys.length);
    expect(keys.every((k) => k.n !== 0)).toBe(true);
    // Only accepted claims carry their due date in the key.
    expect(keys.filter((k) => k.status !== 'accepted').every((k) => k.due_key === '')).toBe(true);
    await expectQueueMatches();
    expect(await claimQueueCountRepository.compact(ctx.handle)).toBe(0);
  });

  it('follows the workflow and concurrent moves', async () => {
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        acceptedClaim(w, inpatientClaim(w.member.id, { eventDate: `2026-01-1${i}`, admissionDate: `2026-01-1${i}` })),
      ),
    );
    await expectQueueMatches();
    // Six decisions at once, each appending its own −1 / +1: nothing waits for a shared counter row.
    await Promise.all(
      ids.map((id) => ctx.handle.db.updateTable('claim').set({ status: 'approved' }).where('id', '=', id).execute()),
    );
    await Promise.all([claimQueueCountRepository.compact(ctx.handle), expectQueueMatches()]);
    await expectQueueMatches();
  });

  it('a unit agent sees its unit’s counts (counted directly)', async () => {
    const unit = expectOk(await w.callers.unit.get('/api/v1/claims?pageSize=5'));
    const r = await sql<{ n: number }>`select count(*) as n from claim where unit_id = ${w.unit.id}`.execute(
      ctx.handle.db,
    );
    expect(unit.total).toBe(Math.min(Number(r.rows[0]!.n), 10_000));
  });
});
