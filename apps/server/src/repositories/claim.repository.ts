import { QUEUE_COUNT_CAP, SEARCH_COUNT_CAP } from '@huzhu/core';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { claimInScope, type OrgScope } from '../access/policy.ts';
import type { ClaimRow, ClaimTable, Database, Db } from '../db/tables.ts';
import { pageTotal } from '../db/page-total.ts';
import { inByteOrder, isPostgresDb, startsWithRange } from '../db/text-match.ts';
import { claimQueueCountRepository, queueCountsOf } from './claim-queue-count.repository.ts';

export interface ClaimFilter {
  status?: string;
  overdue?: boolean;
  agencyId?: string;
  unitId?: string;
  memberId?: string;
  search?: ClaimSearch;
}

/** One search of the claims list (services/search-terms.ts tells them apart by the text's shape). */
export interface ClaimSearch {
  /** The claim's full id. */
  claimId?: string;
  /** 申领编号: the last 8 hex digits of the id, lower case (`claim_number_idx`, migration 0020). */
  number?: string;
  /** The member's ID number, through the blind index. */
  idNumberHash?: string;
  /** The member's mobile, exact. */
  mobile?: string;
  /** The start of the member's name: the claims then come in name order. */
  name?: string;
}

/** The claim number as members read it in every SMS and clerks type it: the id's last 8 hex digits, upper case. */
export const claimNumberOf = (id: string) => id.replaceAll('-', '').slice(-8).toUpperCase();

/** A claim as lists and details show it: with the member's name and the unit's name. */
export type ClaimView = ClaimRow & {
  member_name: string;
  id_number_masked: string;
  bank_name: string | null;
  bank_account_last4: string | null;
  unit_name: string | null;
  /** Set when a member filed the claim in the member app (channel 会员自助). */
  member_account_id: string | null;
};

const withNames = (db: Db) =>
  db
    .selectFrom('claim')
    .innerJoin('member', 'member.id', 'claim.member_id')
    .leftJoin('unit', 'unit.id', 'claim.unit_id')
    .leftJoin('member_account', 'member_account.id', 'claim.filed_by')
    .selectAll('claim')
    .select([
      'member_account.id as member_account_id',
      'member.name as member_name',
      'member.id_number_masked',
      'member.bank_name',
      'member.bank_account_last4',
      'unit.name as unit_name',
    ]);

/** Undecided after acceptance, past the due date: the 5-working-day promise is broken. */
const overdueOn = (today: string) => sql<SqlBool>`(claim.status = 'accepted' and claim.due_date < ${today})`;

export const claimRepository = {
  findInScope: (db: Db, scope: OrgScope, id: string): Promise<ClaimView | undefined> =>
    withNames(db)
      .where((eb) => eb.and([eb('claim.id', '=', id), claimInScope(eb, scope)]))
      .executeTakeFirst(),

  insert: (db: Db, row: ClaimTable) => db.insertInto('claim').values(row).execute(),

  /** The claims these ids name, in the office (flags of earlier claims sharing an invoice). */
  byIds: (db: Db, officeId: string, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('claim').selectAll().where('office_id', '=', officeId).where('id', 'in', ids).execute(),

  unitAgency: (db: Db, officeId: string, unitId: string) =>
    db
      .selectFrom('unit')
      .select(['id', 'agency_id'])
      .where('office_id', '=', officeId)
      .where('id', '=', unitId)
      .executeTakeFirst(),

  /**
   * The agency responsible for a member outside any unit (a self-filing member, a gig worker): the agency of the
   * channel their member-app account came through, else of their newest gig enrolment; null when neither names one
   * (the claim is then in the office's own queue).
   */
  async channelAgency(db: Db, officeId: string, memberId: string): Promise<string | null> {
    const viaAccount = await db
      .selectFrom('member_account')
      .innerJoin('channel', 'channel.id', 'member_account.channel_id')
      .select('channel.agency_id')
      .where('member_account.office_id', '=', officeId)
      .where('member_account.member_id', '=', memberId)
      .where('channel.agency_id', 'is not', null)
      .executeTakeFirst();
    if (viaAccount?.agency_id) return viaAccount.agency_id;
    const viaGig = await db
      .selectFrom('gig_enrolment')
      .select('agency_id')
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .where('agency_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return viaGig?.agency_id ?? null;
  },

  /**
   * Moves a claim only if it is still in the state the caller read: of two concurrent decisions one updates a row,
   * the other none (and is answered 409).
   */
  update: (db: Db, id: string, patch: Partial<ClaimTable>) =>
    db.updateTable('claim').set(patch).where('id', '=', id).execute(),

  /**
   * The work queue: sorted by due date (claims without one last), oldest first; with overdue and due-today counts.
   * A search (`f.search`) narrows the list, each kind through one index leading with the office (migration 0020),
   * and is counted directly up to SEARCH_COUNT_CAP; the overdue and due-today counts stay those of the queue.
   */
  async queue(db: Db, scope: OrgScope, f: ClaimFilter, today: string, pageNo: number, pageSize: number) {
    const pg = isPostgresDb(db);
    const s = f.search;
    // The counts answer "how much of my queue is late" whatever status, overdue filter or search the list shows.
    const inQueue = (eb: ExpressionBuilder<Database, 'claim'>) => {
      const parts: Expression<SqlBool>[] = [claimInScope(eb, scope)];
      if (f.agencyId) parts.push(eb('claim.agency_id', '=', f.agencyId));
      if (f.unitId) parts.push(eb('claim.unit_id', '=', f.unitId));
      if (f.memberId) parts.push(eb('claim.member_id', '=', f.memberId));
      return eb.and(parts);
    };
    const membersWhere = (
      eb: ExpressionBuilder<Database, 'claim'>,
      where: (m: ExpressionBuilder<Database, 'member'>) => Expression<SqlBool>,
    ) =>
      eb(
        'claim.member_id',
        'in',
        eb.selectFrom('member').select('member.id').where('member.office_id', '=', scope.officeId).where(where),
      );
    const listed = (eb: ExpressionBuilder<Database, 'claim'>) => {
      const parts: Expression<SqlBool>[] = [inQueue(eb)];
      if (f.status) parts.push(eb('claim.status', '=', f.status));
      if (f.overdue !== undefined) parts.push(f.overdue ? overdueOn(today) : sql<SqlBool>`not ${overdueOn(today)}`);
      if (s?.claimId) parts.push(eb('claim.id', '=', s.claimId));
      if (s?.number) parts.push(sql<SqlBool>`substr(${eb.ref('claim.id')}, 29) = ${s.number}`);
      if (s?.idNumberHash) parts.push(membersWhere(eb, (m) => m('member.id_number_hash', '=', s.idNumberHash!)));
      if (s?.mobile) parts.push(membersWhere(eb, (m) => m('member.mobile', '=', s.mobile!)));
      return eb.and(parts);
    };
    // By name: the member index in name order drives (a CROSS JOIN keeps SQLite's planner to that order), each
    // member's claims follow through (office, member) — no scan of the office's claims, no sort of every match. The
    // page's ids come first, then the 50 rows.
    const byName = (eb: ExpressionBuilder<Database, 'claim' | 'member'>) =>
      eb.and([
        eb('member.office_id', '=', scope.officeId),
        startsWithRange(eb.ref('member.name'), s!.name!, pg),
        eb('claim.member_id', '=', eb.ref('member.id')),
      ]);
    const nameOrder = sql`${inByteOrder(sql.ref('member.name'), pg)}`;
    const namedClaims = () => db.selectFrom('member').crossJoin('claim').where(byName).where(listed);
    const page = s?.name
      ? withNames(db)
          .where(
            'claim.id',
            'in',
            namedClaims()
              .select('claim.id')
              .orderBy(nameOrder)
              .orderBy('member.id')
              .orderBy('claim.created_at')
              .orderBy('claim.id')
              .limit(pageSize)
              .offset((pageNo - 1) * pageSize),
          )
          .orderBy(nameOrder)
          .orderBy('member.id')
          .orderBy('claim.created_at')
          .orderBy('claim.id')
          .execute()
      : withNames(db)
          .where(listed)
          .orderBy(sql`case when claim.due_date is null then 1 else 0 end`)
          .orderBy('claim.due_date')
          .orderBy('claim.created_at')
          .orderBy('claim.id')
          .limit(pageSize)
          .offset((pageNo - 1) * pageSize)
          .execute();
    const capped = (n: number, cap: number) => ({ total: Math.min(n, cap), totalCapped: n > cap });
    const countUpTo = async (upTo: number) =>
      Number(
        (
          await db
            .selectFrom(
              (s?.name ? namedClaims() : db.selectFrom('claim').where(listed))
                .select(sql<number>`1`.as('one'))
                .limit(upTo)
                .as('capped'),
            )
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const offset = (pageNo - 1) * pageSize;
    const totalOf = (items: unknown[], cap: number) => pageTotal(items.length, offset, pageSize, cap, countUpTo);
    const searching = s !== undefined && Object.values(s).some((v) => v !== undefined);

    // An office's or an agency's queue: the counts are maintained figures (migration 0019), a few thousand rows at
    // most whatever the number of claims — counting the claims themselves on every page was what held the queue back
    // under load (bench/README.md, claims-queue).
    if (!scope.unitId && !scope.memberId && !f.unitId && !f.memberId) {
      const agencyKey = f.agencyId ?? scope.agencyId ?? undefined;
      const elsewhere = f.agencyId !== undefined && scope.agencyId !== null && f.agencyId !== scope.agencyId;
      const [items, rows] = await Promise.all([
        page,
        elsewhere ? Promise.resolve([]) : claimQueueCountRepository.keys(db, scope.officeId, agencyKey),
      ]);
      const c = queueCountsOf(rows, f, today);
      return {
        items,
        ...(searching ? await totalOf(items, SEARCH_COUNT_CAP) : capped(c.listed, QUEUE_COUNT_CAP)),
        counts: { overdue: c.overdue, dueToday: c.dueToday },
      };
    }

    // A unit's or a member's claims (and lists filtered to one): few enough to count directly, up to the cap.
    const [items, counts] = await Promise.all([
      page,
      db
        .selectFrom('claim')
        .where(inQueue)
        .where('claim.status', '=', 'accepted')
        .select([
          sql<number>`coalesce(sum(case when claim.due_date < ${today} then 1 else 0 end), 0)`.as('overdue'),
          sql<number>`coalesce(sum(case when claim.due_date = ${today} then 1 else 0 end), 0)`.as('due_today'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items,
      ...(await totalOf(items, searching ? SEARCH_COUNT_CAP : QUEUE_COUNT_CAP)),
      counts: { overdue: Number(counts.overdue), dueToday: Number(counts.due_today) },
    };
  },

  // ---------- invoices ----------

  /** Other claims of the office that used any of these invoice numbers. */
  invoiceUsers: (db: Db, officeId: string, numbers: string[], exceptClaimId: string) =>
    numbers.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('claim_invoice')
          .select(['claim_id', 'invoice_number'])
          .where('office_id', '=', officeId)
          .where('invoice_number', 'in', numbers)
          .where('claim_id', '!=', exceptClaimId)
          .execute(),

  // ---------- materials ----------

  materials: (db: Db, officeId: string, claimId: string) =>
    db
      .selectFrom('claim_material')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('claim_id', '=', claimId)
      .orderBy('slot')
      .execute(),

  material: (db: Db, officeId: string, claimId: string, materialId: string) =>
    db
      .selectFrom('claim_material')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('claim_id', '=', claimId)
      .where('id', '=', materialId)
      .executeTakeFirst(),

  // ---------- history ----------

  /** Every recorded step of a claim (audit rows about it), oldest first; views of materials are left out. */
  history: (db: Db, officeId: string, claimId: string) =>
    db
      .selectFrom('audit_log')
      .select(['created_at', 'action', 'actor_name', 'before_json', 'after_json'])
      .where('office_id', '=', officeId)
      .where('object_id', '=', claimId)
      .where('object_type', '=', 'claim')
      .where('action', '!=', 'claim.material_view')
      .orderBy('id')
      .execute(),
};
