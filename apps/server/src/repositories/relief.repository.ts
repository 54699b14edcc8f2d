import { reliefCountingStatuses } from '@huzhu/core';
import { type Insertable, sql } from 'kysely';
import { hardshipInScope, type OrgScope, reliefInScope } from '../access/policy.ts';
import { containsText } from '../db/text-match.ts';
import type { Db, HardshipFileTable, ReliefApplicationTable } from '../db/tables.ts';

export interface ReliefFilter {
  status?: string;
  category?: string;
  agencyId?: string;
  memberId?: string;
  batchId?: string;
  q?: string;
  /** The member app's list: no unconfirmed proposals, nothing dismissed. */
  memberFacing?: boolean;
}

/** Every query of relief and condolence (applications, categories, links, batches, hardship files, summaries). */
export const reliefRepository = {
  // ---------- categories ----------
  categoryVersions: (db: Db, officeId: string) =>
    db
      .selectFrom('relief_category_version as v')
      .selectAll('v')
      .where('v.office_id', '=', officeId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('relief_category_version as n')
              .select(sql`1`.as('one'))
              .whereRef('n.office_id', '=', 'v.office_id')
              .whereRef('n.code', '=', 'v.code')
              .whereRef('n.version', '>', 'v.version'),
          ),
        ),
      )
      .orderBy('v.code')
      .execute(),

  categoryVersion: (db: Db, officeId: string, id: string) =>
    db
      .selectFrom('relief_category_version')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst(),

  setting: (db: Db, officeId: string) =>
    db.selectFrom('relief_setting').selectAll().where('office_id', '=', officeId).executeTakeFirst(),

  // ---------- applications ----------
  insert: (db: Db, row: Insertable<ReliefApplicationTable>) =>
    db.insertInto('relief_application').values(row).execute(),

  update: (db: Db, id: string, patch: Partial<ReliefApplicationTable>) =>
    db.updateTable('relief_application').set(patch).where('id', '=', id).execute(),

  findInScope: (db: Db, scope: OrgScope, id: string) =>
    db
      .selectFrom('relief_application')
      .innerJoin('member', 'member.id', 'relief_application.member_id')
      .selectAll('relief_application')
      .select('member.name as member_name')
      .where((eb) => eb.and([eb('relief_application.id', '=', id), reliefInScope(eb, scope)]))
      .executeTakeFirst(),

  byIds: (db: Db, officeId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('relief_application')
          .selectAll()
          .where('office_id', '=', officeId)
          .where('id', 'in', ids)
          .execute(),

  async list(db: Db, scope: OrgScope, f: ReliefFilter, page: number, pageSize: number) {
    const base = db
      .selectFrom('relief_application')
      .innerJoin('member', 'member.id', 'relief_application.member_id')
      .where((eb) => reliefInScope(eb, scope))
      .$if(f.status !== undefined, (q) => q.where('relief_application.status', '=', f.status!))
      .$if(f.category !== undefined, (q) => q.where('relief_application.category', '=', f.category!))
      .$if(f.agencyId !== undefined, (q) => q.where('relief_application.agency_id', '=', f.agencyId!))
      .$if(f.memberId !== undefined, (q) => q.where('relief_application.member_id', '=', f.memberId!))
      .$if(f.batchId !== undefined, (q) => q.where('relief_application.batch_id', '=', f.batchId!))
      .$if(!!f.memberFacing, (q) => q.where('relief_application.status', 'not in', ['proposed', 'dismissed']))
      .$if(!!f.q, (q) =>
        q.where((eb) =>
          eb.or([
            eb('relief_application.number', '=', f.q!.toUpperCase()),
            eb('member.name', '=', f.q!),
            eb('member.mobile', '=', f.q!),
          ]),
        ),
      );
    const [items, count] = await Promise.all([
      base
        .selectAll('relief_application')
        .select('member.name as member_name')
        .orderBy('relief_application.filed_at', 'desc')
        .orderBy('relief_application.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  /** The member's reliefs of a calendar year that count against the limits. */
  countingInYear: (db: Db, officeId: string, memberId: string, year: number, exceptId?: string) =>
    db
      .selectFrom('relief_application')
      .select(['id', 'category', 'event_date', 'amount_fen'])
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .where('event_year', '=', year)
      .where('status', 'in', [...reliefCountingStatuses])
      .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
      .execute(),

  /** Members' counting reliefs of a year, many at once (holiday batches). */
  countingInYearFor: async (db: Db, officeId: string, memberIds: string[], year: number) => {
    const out: { member_id: string; category: string; event_date: string; amount_fen: number }[] = [];
    for (let i = 0; i < memberIds.length; i += 1_000)
      out.push(
        ...(await db
          .selectFrom('relief_application')
          .select(['member_id', 'category', 'event_date', 'amount_fen'])
          .where('office_id', '=', officeId)
          .where('member_id', 'in', memberIds.slice(i, i + 1_000))
          .where('event_year', '=', year)
          .where('status', 'in', [...reliefCountingStatuses])
          .execute()),
      );
    return out;
  },

  /** Whether the member had a policy in force on the date (any product; never anything about 户籍). */
  coveredOn: async (db: Db, officeId: string, memberId: string, date: string) =>
    !!(await db
      .selectFrom('policy')
      .select('id')
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .where('start_date', '<=', date)
      .where('end_date', '>=', date)
      .where('state', '!=', 'cancelled')
      .limit(1)
      .executeTakeFirst()),

  /** Of these members, those with a policy in force on the date. */
  coveredAmong: async (db: Db, officeId: string, memberIds: string[], date: string) => {
    const out = new Set<string>();
    for (let i = 0; i < memberIds.length; i += 1_000)
      for (const r of await db
        .selectFrom('policy')
        .select('member_id')
        .distinct()
        .where('office_id', '=', officeId)
        .where('member_id', 'in', memberIds.slice(i, i + 1_000))
        .where('start_date', '<=', date)
        .where('end_date', '>=', date)
        .where('state', '!=', 'cancelled')
        .execute())
        out.add(r.member_id);
    return out;
  },

  /** Serialises relief filings of one member (PostgreSQL; SQLite writes are serial already). */
  lockMember: (db: Db, officeId: string, memberId: string) =>
    db
      .selectFrom('member')
      .select('id')
      .where('office_id', '=', officeId)
      .where('id', '=', memberId)
      .forUpdate()
      .executeTakeFirst(),

  // ---------- links to claims ----------
  link: (db: Db, officeId: string, reliefId: string, claimIds: string[]) =>
    claimIds.length === 0
      ? Promise.resolve()
      : db
          .insertInto('relief_claim')
          .values(claimIds.map((claim_id) => ({ office_id: officeId, relief_id: reliefId, claim_id })))
          .execute()
          .then(() => undefined),

  linkedClaims: (db: Db, officeId: string, reliefIds: string[]) =>
    reliefIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('relief_claim')
          .innerJoin('claim', 'claim.id', 'relief_claim.claim_id')
          .select([
            'relief_claim.relief_id',
            'claim.id',
            'claim.status',
            'claim.kind',
            'claim.assessed_amount_fen',
            'claim.approved_amount_fen',
          ])
          .where('relief_claim.office_id', '=', officeId)
          .where('relief_claim.relief_id', 'in', reliefIds)
          .orderBy('claim.id')
          .execute(),

  /** The reliefs a claim belongs to (a one-stop filing, or a proposal it caused). */
  reliefsOfClaim: (db: Db, officeId: string, claimId: string) =>
    db
      .selectFrom('relief_application')
      .select(['id', 'number', 'status', 'category'])
      .where('office_id', '=', officeId)
      .where((eb) =>
        eb.or([
          eb('source_claim_id', '=', claimId),
          eb(
            'id',
            'in',
            eb
              .selectFrom('relief_claim')
              .select('relief_id')
              .where('office_id', '=', officeId)
              .where('claim_id', '=', claimId),
          ),
        ]),
      )
      .execute(),

  /** Of these claims, the ones already tied to a relief (filed with one, or already proposed). */
  claimsWithRelief: async (db: Db, officeId: string, claimIds: string[]) => {
    if (claimIds.length === 0) return new Set<string>();
    const [linked, sourced] = await Promise.all([
      db
        .selectFrom('relief_claim')
        .select('claim_id')
        .where('office_id', '=', officeId)
        .where('claim_id', 'in', claimIds)
        .execute(),
      db
        .selectFrom('relief_application')
        .select('source_claim_id as claim_id')
        .where('office_id', '=', officeId)
        .where('source_claim_id', 'in', claimIds)
        .execute(),
    ]);
    return new Set([...linked, ...sourced].map((r) => r.claim_id!));
  },

  materials: (db: Db, officeId: string, reliefId: string) =>
    db
      .selectFrom('relief_material')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('relief_id', '=', reliefId)
      .orderBy('slot')
      .execute(),

  // ---------- summaries ----------
  async addPaid(
    db: Db,
    officeId: string,
    facts: { agencyId: string; category: string; day: string; count: number; amountFen: number }[],
  ) {
    const summed = new Map<string, (typeof facts)[number]>();
    for (const f of facts) {
      const key = `${f.agencyId}|${f.category}|${f.day}`;
      const s = summed.get(key);
      if (s) {
        s.count += f.count;
        s.amountFen += f.amountFen;
      } else summed.set(key, { ...f });
    }
    const rows = [...summed.values()].map((f) => ({
      office_id: officeId,
      agency_id: f.agencyId,
      category: f.category,
      day: f.day,
      count: f.count,
      amount_fen: f.amountFen,
    }));
    for (let i = 0; i < rows.length; i += 2_000)
      await db
        .insertInto('relief_paid_daily')
        .values(rows.slice(i, i + 2_000))
        .onConflict((oc) =>
          oc.columns(['office_id', 'agency_id', 'category', 'day']).doUpdateSet((eb) => ({
            count: eb('relief_paid_daily.count', '+', eb.ref('excluded.count')),
            amount_fen: eb('relief_paid_daily.amount_fen', '+', eb.ref('excluded.amount_fen')),
          })),
        )
        .execute();
  },

  /** Relief paid up to `asOf` (by payment day), from the summary. */
  async paidUpTo(db: Db, officeId: string, asOf: string, agencyId: string | null) {
    const row = await db
      .selectFrom('relief_paid_daily')
      .select([
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), sql<number>`0`).as('n'),
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), sql<number>`0`).as('amount'),
      ])
      .where('office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .where('day', '<=', asOf)
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), amountFen: Number(row.amount) };
  },

  /** Relief paid per day up to a day (the trends), from the summary. */
  async paidByDay(db: Db, officeId: string, upTo: string, agencyId: string | null) {
    const rows = await db
      .selectFrom('relief_paid_daily')
      .select(['day', (eb) => eb.fn.sum<number>('count').as('n'), (eb) => eb.fn.sum<number>('amount_fen').as('amount')])
      .where('office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .where('day', '<=', upTo)
      .groupBy('day')
      .execute();
    return rows.map((r) => ({ day: r.day, count: Number(r.n), amountFen: Number(r.amount) }));
  },

  /** Relief paid per year between two days (fund health), from the summary. */
  async paidByYear(db: Db, officeId: string, from: string, to: string, agencyId: string | null) {
    const rows = await db
      .selectFrom('relief_paid_daily')
      .select([
        sql<string>`substr(day, 1, 4)`.as('year'),
        (eb) => eb.fn.sum<number>('count').as('n'),
        (eb) => eb.fn.sum<number>('amount_fen').as('amount'),
      ])
      .where('office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy(sql`substr(day, 1, 4)`)
      .execute();
    return rows.map((r) => ({ year: Number(r.year), count: Number(r.n), amountFen: Number(r.amount) }));
  },

  /** Relief paid per month, agency and category between two days (the relief report). */
  paidByMonth: (db: Db, officeId: string, from: string, to: string, agencyId: string | null) =>
    db
      .selectFrom('relief_paid_daily')
      .select([
        sql<string>`substr(day, 1, 7)`.as('month'),
        'agency_id',
        'category',
        (eb) => eb.fn.sum<number>('count').as('n'),
        (eb) => eb.fn.sum<number>('amount_fen').as('amount'),
      ])
      .where('office_id', '=', officeId)
      .$if(agencyId !== null, (q) => q.where('agency_id', '=', agencyId!))
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy([sql`substr(day, 1, 7)`, 'agency_id', 'category'])
      .orderBy(sql`substr(day, 1, 7)`)
      .orderBy('agency_id')
      .orderBy('category')
      .execute(),

  paidFactsOf: (db: Db, officeId: string, ids: string[]) =>
    db
      .selectFrom('relief_application')
      .select(['id', 'agency_id', 'category', 'paid_at', 'amount_fen'])
      .where('office_id', '=', officeId)
      .where('id', 'in', ids)
      .where('paid_at', 'is not', null)
      .execute(),

  paidIdsAfter: (db: Db, officeId: string, after: string, limit: number) =>
    db
      .selectFrom('relief_application')
      .select('id')
      .where('office_id', '=', officeId)
      .where('paid_at', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute(),

  // ---------- hardship files ----------
  insertHardship: (db: Db, row: Insertable<HardshipFileTable>) => db.insertInto('hardship_file').values(row).execute(),

  hardshipInScope: (db: Db, scope: OrgScope, id: string) =>
    db
      .selectFrom('hardship_file')
      .innerJoin('member', 'member.id', 'hardship_file.member_id')
      .selectAll('hardship_file')
      .select('member.name as member_name')
      .where((eb) => eb.and([eb('hardship_file.id', '=', id), hardshipInScope(eb, scope)]))
      .executeTakeFirst(),

  async hardshipList(
    db: Db,
    scope: OrgScope,
    f: { status?: string; dueBy?: string; agencyId?: string; q?: string },
    page: number,
    pageSize: number,
  ) {
    const base = db
      .selectFrom('hardship_file')
      .innerJoin('member', 'member.id', 'hardship_file.member_id')
      .where((eb) => hardshipInScope(eb, scope))
      .$if(f.status !== undefined, (q) => q.where('hardship_file.status', '=', f.status as 'open'))
      .$if(f.dueBy !== undefined, (q) =>
        q.where('hardship_file.status', '=', 'open').where('hardship_file.next_review_on', '<=', f.dueBy!),
      )
      .$if(f.agencyId !== undefined, (q) => q.where('hardship_file.agency_id', '=', f.agencyId!))
      .$if(!!f.q, (q) => q.where((eb) => eb.or([eb('member.name', '=', f.q!), eb('member.mobile', '=', f.q!)])));
    const [items, count] = await Promise.all([
      base
        .selectAll('hardship_file')
        .select('member.name as member_name')
        .orderBy('hardship_file.next_review_on')
        .orderBy('hardship_file.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  /** Open hardship files on a date: opened on or before it, not closed before it. */
  hardshipOpenOn: (db: Db, officeId: string, memberIds: string[] | null, date: string) =>
    db
      .selectFrom('hardship_file')
      .select(['member_id'])
      .where('office_id', '=', officeId)
      .where('opened_on', '<=', date)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', date)]))
      .$if(memberIds !== null, (q) => q.where('member_id', 'in', memberIds!))
      .execute(),

  // ---------- batches ----------
  batch: (db: Db, officeId: string, id: string) =>
    db.selectFrom('relief_batch').selectAll().where('office_id', '=', officeId).where('id', '=', id).executeTakeFirst(),

  async batches(db: Db, officeId: string, page: number, pageSize: number, q?: string) {
    let base = db.selectFrom('relief_batch').where('office_id', '=', officeId);
    if (q) base = base.where((eb) => containsText(eb.ref('name'), q));
    const [items, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  batchItems: (db: Db, officeId: string, batchId: string) =>
    db
      .selectFrom('relief_application')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('batch_id', '=', batchId)
      .execute(),

  /** Members of the office among these ids, with their unit's agency (batches refuse anyone outside the office). */
  /** The office's members with these ID-number blind indexes (a holiday list matched by ID number). */
  membersByIdHash: async (db: Db, officeId: string, hashes: string[]) => {
    const out: { id: string; name: string; id_number_hash: string }[] = [];
    for (let i = 0; i < hashes.length; i += 1_000)
      out.push(
        ...(await db
          .selectFrom('member')
          .select(['id', 'name', 'id_number_hash'])
          .where('office_id', '=', officeId)
          .where('id_number_hash', 'in', hashes.slice(i, i + 1_000))
          .execute()),
      );
    return out;
  },

  membersOfOffice: async (db: Db, officeId: string, ids: string[]) => {
    const out: { id: string; unit_id: string | null; agency_id: string | null }[] = [];
    for (let i = 0; i < ids.length; i += 1_000)
      out.push(
        ...(await db
          .selectFrom('member')
          .leftJoin('unit', 'unit.id', 'member.unit_id')
          .select(['member.id', 'member.unit_id', 'unit.agency_id'])
          .where('member.office_id', '=', officeId)
          .where('member.id', 'in', ids.slice(i, i + 1_000))
          // In a stable order (a batch's skipped list follows it), whichever index the planner reads.
          .orderBy('member.id')
          .execute()),
      );
    return out;
  },

  unitAgency: (db: Db, officeId: string, unitId: string) =>
    db
      .selectFrom('unit')
      .select(['id', 'agency_id'])
      .where('office_id', '=', officeId)
      .where('id', '=', unitId)
      .executeTakeFirst(),
};
