import {
  type BulkRow,
  bulkInsert,
  createBulkWriter,
  deferrableIndexes,
  dropSecondaryIndexes,
  newId,
  rebuildIndexes,
} from '@huzhu/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, dbKindUnderTest, type TestContext } from '../../apps/server/test/helpers/test-context.ts';

// The bulk path on the database under test (SQLite, or PostgreSQL with HUZHU_TEST_PG).
let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.close();
});

const at = '2026-03-02T02:00:00.000Z';

function member(unitId: string | null, i: number, over: Partial<BulkRow<'member'>> = {}): BulkRow<'member'> {
  return {
    id: newId(),
    office_id: ctx.office.id,
    name: `会员${i}`,
    id_number_enc: `enc-${i}`,
    id_number_hash: `hash-${i}-${newId()}`,
    id_number_masked: '5001**********1234',
    sex: i % 2 ? 'male' : 'female',
    birth_date: '1985-06-15',
    mobile: i % 3 ? `139${String(i).padStart(8, '0')}` : null,
    employment_kind: 'employee',
    gig_kind: null,
    household: 'urban',
    has_medical_insurance: i % 2,
    bank_name: null,
    bank_account_enc: null,
    bank_account_last4: null,
    unit_id: unitId,
    created_at: at,
    updated_at: at,
    ...over,
  };
}

const link = (m: BulkRow<'member'>, unitId: string): BulkRow<'member_unit'> => ({
  id: newId(),
  office_id: ctx.office.id,
  member_id: m.id,
  unit_id: unitId,
  from_date: '2025-01-01',
  to_date: null,
  created_at: at,
});

const countMembers = async () =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`bulkInsert on ${dbKindUnderTest}`, () => {
  it('writes every row, across chunks, with the same values and types the query builder reads back', async () => {
    const unit = await ctx.newUnit();
    const rows = Array.from({ length: 53 }, (_, i) => member(unit.id, i));
    // Text that a hand-written array literal or COPY line must escape: quotes, backslashes, braces, commas,
    // tabs, newlines, the word NULL, an empty string and characters outside the BMP.
    const awkward = ['他说"好"', 'C:\\路径\\', '{a,b}', 'tab\there', 'line\nbreak', 'NULL', '', '𠀀𠮷'];
    awkward.forEach((name, k) => {
      rows[k] = { ...rows[k]!, name };
    });
    expect(await bulkInsert(ctx.handle, 'member', rows, { chunkRows: 7 })).toBe(53);

    const stored = await ctx.handle.db.selectFrom('member').selectAll().where('unit_id', '=', unit.id).execute();
    const byId = new Map(stored.map((r) => [r.id, r]));
    expect(stored).toHaveLength(53);
    for (const r of rows) expect(byId.get(r.id)).toEqual(r);
    expect(typeof stored[0]!.has_medical_insurance).toBe('number');
  });

  it('writes nothing when one row fails: the whole call is one transaction', async () => {
    const unit = await ctx.newUnit();
    const rows = Array.from({ length: 30 }, (_, i) => member(unit.id, i));
    rows[25] = { ...rows[25]!, id: rows[3]!.id };
    await expect(bulkInsert(ctx.handle, 'member', rows, { chunkRows: 10 })).rejects.toThrow();
    expect(await countMembers()).toBe(0);
  });

  it('takes its columns from the first row and writes NULL where a later row lacks one', async () => {
    const unit = await ctx.newUnit();
    const first = member(unit.id, 1);
    const { mobile: _dropped, ...second } = member(unit.id, 2, { mobile: '13900000000' });
    await bulkInsert(ctx.handle, 'member', [first, second as BulkRow<'member'>]);
    const row = await ctx.handle.db
      .selectFrom('member')
      .select('mobile')
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(row.mobile).toBeNull();
  });

  it('answers 0 for no rows and refuses a column the table does not have', async () => {
    expect(await bulkInsert(ctx.handle, 'member', [])).toBe(0);
    const bad = { ...member(null, 1), no_such_column: 'x' } as BulkRow<'member'>;
    await expect(bulkInsert(ctx.handle, 'member', [bad])).rejects.toThrow(/no_such_column/);
    expect(await countMembers()).toBe(0);
  });
});

describe(`createBulkWriter on ${dbKindUnderTest}`, () => {
  it('streams rows in chunks and flushes the referenced table first, so foreign keys always hold', async () => {
    const unit = await ctx.newUnit();
    const members = createBulkWriter(ctx.handle, 'member', { chunkRows: 50 });
    // Smaller chunks than the members' writer: without `after` its first flush would point at unwritten members.
    const links = createBulkWriter(ctx.handle, 'member_unit', { chunkRows: 7, after: members });
    for (let i = 0; i < 120; i++) {
      const m = member(unit.id, i);
      await members.push(m);
      await links.push(link(m, unit.id));
    }
    expect(members.written).toBeLessThan(120);
    await links.close();
    expect(members.written).toBe(120);
    expect(links.written).toBe(120);
    expect(await countMembers()).toBe(120);
    const orphans = await ctx.handle.db
      .selectFrom('member_unit')
      .leftJoin('member', 'member.id', 'member_unit.member_id')
      .select('member_unit.id')
      .where('member.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
  });

  it('has written nothing before the first chunk fills, and everything after close', async () => {
    const unit = await ctx.newUnit();
    const writer = createBulkWriter(ctx.handle, 'member', { chunkRows: 10 });
    for (let i = 0; i < 9; i++) await writer.push(member(unit.id, i));
    expect(writer.written).toBe(0);
    expect(await countMembers()).toBe(0);
    await writer.push(member(unit.id, 9));
    expect(writer.written).toBe(10);
    await writer.push(member(unit.id, 10));
    await writer.close();
    expect(await countMembers()).toBe(11);
  });
});

describe(`deferred secondary indexes on ${dbKindUnderTest}`, () => {
  it('drops only plain secondary indexes and rebuilds them as they were', async () => {
    const before = await deferrableIndexes(ctx.handle, ['member', 'member_unit']);
    const names = before.map((i) => i.name).sort();
    expect(names).toEqual([
      'member_mobile_idx',
      'member_name_idx',
      // The search indexes (0020); on PostgreSQL rebuilt from their definition (their names are `collate "C"`).
      'member_search_name_idx',
      'member_search_unit_idx',
      'member_unit_idx',
      'member_unit_member_idx',
    ]);
    expect(before.find((i) => i.name === 'member_name_idx')?.columns).toEqual(['office_id', 'name']);

    const dropped = await dropSecondaryIndexes(ctx.handle, ['member', 'member_unit']);
    expect(dropped.map((i) => i.name).sort()).toEqual(names);
    expect(await deferrableIndexes(ctx.handle, ['member', 'member_unit'])).toEqual([]);

    // The unique key stays while the indexes are away: a duplicate ID hash is still refused.
    const unit = await ctx.newUnit();
    const m = member(unit.id, 1);
    await bulkInsert(ctx.handle, 'member', [m]);
    await expect(
      bulkInsert(ctx.handle, 'member', [{ ...member(unit.id, 2), id_number_hash: m.id_number_hash }]),
    ).rejects.toThrow();

    await rebuildIndexes(ctx.handle, dropped);
    const after = await deferrableIndexes(ctx.handle, ['member', 'member_unit']);
    expect([...after].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [...before].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });
});
