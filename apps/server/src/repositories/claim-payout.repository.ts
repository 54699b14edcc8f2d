import { sql } from 'kysely';
import { claimInScope, type OrgScope, reliefInScope } from '../access/policy.ts';
import type { Db, PayoutItemTable } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

/** Approved (or failed and reissuable) claims with no transfer waiting at the bank. */
const PAYABLE = ['approved', 'payout_failed'];

export const claimPayoutRepository = {
  /** Claims ready for a payout batch, with the payee's bank details; `ids` narrows them. */
  payable: (db: Db, scope: OrgScope, ids?: string[]) =>
    db
      .selectFrom('claim')
      .innerJoin('member', 'member.id', 'claim.member_id')
      .select([
        'claim.id',
        'claim.office_id',
        'claim.member_id',
        'claim.status',
        'claim.approved_amount_fen',
        'member.name as payee_name',
        'member.bank_name',
        'member.bank_account_enc',
        'member.bank_account_last4',
      ])
      .where((eb) => claimInScope(eb, scope))
      .where('claim.status', 'in', PAYABLE)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('payout_item')
              .select(sql`1`.as('one'))
              .whereRef('payout_item.office_id', '=', 'claim.office_id')
              .whereRef('payout_item.pending_claim_id', '=', 'claim.id'),
          ),
        ),
      )
      .$if(ids !== undefined, (q) => q.where('claim.id', 'in', ids!))
      .orderBy('claim.decided_at')
      .orderBy('claim.id')
      .execute(),

  /**
   * One page of the payable claims (approved, or failed and reissuable, not waiting at the bank), with the count and
   * the sum of every match: `account` keeps those with a bank account on file ('ready') or those still without one
   * ('missing', the list of claims waiting for an account).
   */
  async payablePage(db: Db, scope: OrgScope, account: 'ready' | 'missing' | undefined, page: number, pageSize: number) {
    const base = db
      .selectFrom('claim')
      .innerJoin('member', 'member.id', 'claim.member_id')
      .where((eb) => claimInScope(eb, scope))
      .where('claim.status', 'in', PAYABLE)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('payout_item')
              .select(sql`1`.as('one'))
              .whereRef('payout_item.office_id', '=', 'claim.office_id')
              .whereRef('payout_item.pending_claim_id', '=', 'claim.id'),
          ),
        ),
      )
      .$if(account === 'ready', (q) =>
        q
          .where('member.bank_account_enc', 'is not', null)
          .where('member.bank_name', 'is not', null)
          .where('member.bank_account_last4', 'is not', null),
      )
      .$if(account === 'missing', (q) =>
        q.where((eb) =>
          eb.or([
            eb('member.bank_account_enc', 'is', null),
            eb('member.bank_name', 'is', null),
            eb('member.bank_account_last4', 'is', null),
          ]),
        ),
      );
    const [items, sums] = await Promise.all([
      base
        .leftJoin('unit', 'unit.id', 'claim.unit_id')
        .select([
          'claim.id',
          'claim.status',
          'claim.member_id',
          'claim.kind',
          'claim.approved_amount_fen',
          'claim.decided_at',
          'member.name as member_name',
          'member.bank_name',
          'member.bank_account_last4',
          'unit.name as unit_name',
        ])
        // Newest decision first: what was just approved is on the first page.
        .orderBy('claim.decided_at', 'desc')
        .orderBy('claim.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.coalesce(eb.fn.sum<number>('claim.approved_amount_fen'), sql<number>`0`).as('fen'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(sums.n), totalFen: Number(sums.fen) };
  },

  /** Approved (or failed and reissuable) relief applications with no transfer waiting at the bank. */
  payableReliefs: (db: Db, scope: OrgScope, ids?: string[]) =>
    db
      .selectFrom('relief_application')
      .innerJoin('member', 'member.id', 'relief_application.member_id')
      .select([
        'relief_application.id',
        'relief_application.office_id',
        'relief_application.member_id',
        'relief_application.status',
        'relief_application.amount_fen',
        'member.name as payee_name',
        'member.bank_name',
        'member.bank_account_enc',
        'member.bank_account_last4',
      ])
      .where((eb) => reliefInScope(eb, scope))
      .where('relief_application.status', 'in', PAYABLE)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('payout_item')
              .select(sql`1`.as('one'))
              .whereRef('payout_item.office_id', '=', 'relief_application.office_id')
              .whereRef('payout_item.pending_relief_id', '=', 'relief_application.id'),
          ),
        ),
      )
      .$if(ids !== undefined, (q) => q.where('relief_application.id', 'in', ids!))
      .orderBy('relief_application.decided_at')
      .orderBy('relief_application.id')
      .execute(),

  visibleReliefs: (db: Db, scope: OrgScope, ids: string[]) =>
    db
      .selectFrom('relief_application')
      .select(['relief_application.id', 'relief_application.status'])
      .where((eb) => reliefInScope(eb, scope))
      .where('relief_application.id', 'in', ids)
      .execute(),

  /** Which of these ids name claims the caller may see (to tell "not yours" from "not payable"). */
  visible: (db: Db, scope: OrgScope, ids: string[]) =>
    db
      .selectFrom('claim')
      .select(['claim.id', 'claim.status'])
      .where((eb) => claimInScope(eb, scope))
      .where('claim.id', 'in', ids)
      .execute(),

  batch: (db: Db, officeId: string, id: string) =>
    db.selectFrom('payout_batch').selectAll().where('office_id', '=', officeId).where('id', '=', id).executeTakeFirst(),

  /** A page of the office's batches, newest first; `q` is the batch's id or a claim / relief id or payee in it. */
  async batches(db: Db, officeId: string, page: number, pageSize: number, q?: string) {
    let base = db.selectFrom('payout_batch').where('office_id', '=', officeId);
    if (q)
      base = base.where((eb) =>
        eb.or([
          eb('payout_batch.id', '=', q),
          eb.exists(
            eb
              .selectFrom('payout_item')
              .select('payout_item.id')
              .where('payout_item.office_id', '=', officeId)
              .whereRef('payout_item.batch_id', '=', 'payout_batch.id')
              .where((i) =>
                i.or([
                  i('payout_item.claim_id', '=', q),
                  i('payout_item.relief_id', '=', q),
                  containsText(i.ref('payout_item.payee_name'), q),
                ]),
              ),
          ),
        ]),
      );
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

  items: (db: Db, officeId: string, batchId: string) =>
    db
      .selectFrom('payout_item')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('batch_id', '=', batchId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),

  /**
   * A page of a batch's items in its file order (created, then id); `q` matches the payee's name or is the claim /
   * relief id, `status` narrows to pending, paid or failed.
   */
  async itemPage(
    db: Db,
    officeId: string,
    batchId: string,
    f: { q?: string; status?: PayoutItemTable['status']; page: number; pageSize: number },
  ) {
    let base = db.selectFrom('payout_item').where('office_id', '=', officeId).where('batch_id', '=', batchId);
    if (f.status) base = base.where('status', '=', f.status);
    const text = f.q;
    if (text)
      base = base.where((eb) =>
        eb.or([containsText(eb.ref('payee_name'), text), eb('claim_id', '=', text), eb('relief_id', '=', text)]),
      );
    const [items, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  /** Counts per item status, for a batch's summary. */
  async counts(db: Db, officeId: string, batchIds: string[]) {
    if (batchIds.length === 0) return [];
    return db
      .selectFrom('payout_item')
      .select((eb) => ['batch_id', 'status', eb.fn.countAll<number>().as('n')])
      .where('office_id', '=', officeId)
      .where('batch_id', 'in', batchIds)
      .groupBy(['batch_id', 'status'])
      .execute();
  },

  /** The item's 业务参考号: its claim id, or its relief id. */
  reference: (i: { claim_id: string | null; relief_id: string | null }) => i.claim_id ?? i.relief_id ?? '',

  /**
   * Resolves a pending item. Paid sets `paid_claim_id` (or `paid_relief_id`), whose unique key refuses a second paid item for the same
   * claim even if every check above it were bypassed; the status condition refuses resolving an item twice.
   */
  async resolve(
    db: Db,
    item: { id: string; claim_id: string | null; relief_id: string | null },
    paid: boolean,
    patch: Pick<PayoutItemTable, 'reason' | 'resolved_at' | 'resolved_by'>,
  ) {
    const res = await db
      .updateTable('payout_item')
      .set({
        ...patch,
        status: paid ? 'paid' : 'failed',
        pending_claim_id: null,
        paid_claim_id: paid ? item.claim_id : null,
        pending_relief_id: null,
        paid_relief_id: paid ? item.relief_id : null,
      })
      .where('id', '=', item.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /** Closes the batch once nothing in it waits for the bank. */
  closeIfSettled: (db: Db, officeId: string, batchId: string, at: string) =>
    db
      .updateTable('payout_batch')
      .set({ status: 'closed', closed_at: at })
      .where('office_id', '=', officeId)
      .where('id', '=', batchId)
      .where('status', '=', 'open')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('payout_item')
              .select(sql`1`.as('one'))
              .where('payout_item.batch_id', '=', batchId)
              .where('payout_item.status', '=', 'pending'),
          ),
        ),
      )
      .execute(),
};
