import { PostgresAdapter, sql } from 'kysely';
import type { Db, IdentityVerificationTable, MemberAccountTable, MemberLoginCodeTable } from '../db/tables.ts';

// Any fixed number no other advisory lock uses (the jobs' are 4_200_5xx).
const SMS_CODE_LOCK_KEY = 4_200_601;

/** Member accounts, their sessions, login codes and real-name verifications (migration 0009). */
export const memberAccountRepository = {
  /** The office members of this deployment sign in to: by code when configured, else the first office created. */
  memberOffice: (db: Db, code: string | undefined) => {
    const q = db.selectFrom('office').select(['id', 'name']);
    return (code ? q.where('code', '=', code) : q.orderBy('created_at').orderBy('id')).executeTakeFirst();
  },

  // ---------- login codes ----------

  /**
   * Inside a transaction: serialises code requests for this number and from this address until it ends, so the
   * limits' check and the new code's row are one step. PostgreSQL: transaction advisory locks (number first, then
   * address, always in that order); SQLite: the transaction holds the one write connection already.
   */
  async lockCodeRequests(trx: Db, officeId: string, mobile: string, ip: string | null): Promise<void> {
    if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
    const keys = [`m:${officeId}:${mobile}`, ...(ip ? [`ip:${ip}`] : [])];
    for (const key of keys)
      await sql`select pg_advisory_xact_lock(${SMS_CODE_LOCK_KEY}, hashtext(current_schema() || ${`:${key}`}))`.execute(
        trx,
      );
  },

  /** How many codes this number was sent since `since`, and when the latest one went out. */
  codesSentTo: (db: Db, officeId: string, mobile: string, since: string) =>
    db
      .selectFrom('member_login_code')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('latest')])
      .where('office_id', '=', officeId)
      .where('mobile', '=', mobile)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow(),

  codesFromIp: (db: Db, ip: string, since: string) =>
    db
      .selectFrom('member_login_code')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow(),

  insertCode: (db: Db, row: MemberLoginCodeTable) => db.insertInto('member_login_code').values(row).execute(),

  /** The newest code of the number still open: unexpired, unused and with tries left. */
  openCode: (db: Db, officeId: string, mobile: string, now: string, maxAttempts: number) =>
    db
      .selectFrom('member_login_code')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('mobile', '=', mobile)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '<', maxAttempts)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),

  /** Counts a wrong try in the database (parallel guesses all count); answers the new count. */
  countWrongTry: (db: Db, id: string) =>
    db
      .updateTable('member_login_code')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .returning('attempts')
      .executeTakeFirst(),

  /** Uses the code once: of two logins with the same code only one updates the row. */
  useCode: async (db: Db, id: string, now: string, maxAttempts: number) =>
    Number(
      (
        await db
          .updateTable('member_login_code')
          .set({ used_at: now })
          .where('id', '=', id)
          .where('used_at', 'is', null)
          .where('attempts', '<', maxAttempts)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,

  // ---------- accounts and sessions ----------

  accountByMobile: (db: Db, officeId: string, mobile: string) =>
    db
      .selectFrom('member_account')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('mobile', '=', mobile)
      .executeTakeFirst(),

  accountById: (db: Db, id: string) =>
    db.selectFrom('member_account').selectAll().where('id', '=', id).executeTakeFirst(),

  accountByMember: (db: Db, officeId: string, memberId: string) =>
    db
      .selectFrom('member_account')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .executeTakeFirst(),

  insertAccount: (db: Db, row: MemberAccountTable) => db.insertInto('member_account').values(row).execute(),

  updateAccount: (db: Db, id: string, patch: Partial<MemberAccountTable>) =>
    db.updateTable('member_account').set(patch).where('id', '=', id).execute(),

  insertSession: (
    db: Db,
    row: {
      id: string;
      account_id: string;
      office_id: string;
      csrf_token: string;
      created_at: string;
      expires_at: string;
      ip: string | null;
    },
  ) => db.insertInto('member_session').values(row).execute(),

  /** The session with its account and, once bound, the member's name and masked ID number. */
  session: (db: Db, id: string) =>
    db
      .selectFrom('member_session')
      .innerJoin('member_account', 'member_account.id', 'member_session.account_id')
      .leftJoin('member', 'member.id', 'member_account.member_id')
      .select([
        'member_session.csrf_token',
        'member_session.expires_at',
        'member_account.id as account_id',
        'member_account.office_id',
        'member_account.mobile',
        'member_account.member_id',
        'member_account.verified_at',
        'member.name as member_name',
        'member.id_number_masked',
      ])
      .where('member_session.id', '=', id)
      .executeTakeFirst(),

  deleteSession: (db: Db, id: string) => db.deleteFrom('member_session').where('id', '=', id).execute(),

  deleteSessionsOf: (db: Db, accountId: string) =>
    db.deleteFrom('member_session').where('account_id', '=', accountId).execute(),

  // ---------- real-name verifications ----------

  insertVerification: (db: Db, row: IdentityVerificationTable) =>
    db.insertInto('identity_verification').values(row).execute(),

  verification: (db: Db, accountId: string, id: string) =>
    db
      .selectFrom('identity_verification')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst(),

  /** Closes a verification once: a second, concurrent finish updates nothing. */
  closeVerification: async (db: Db, id: string, patch: Partial<IdentityVerificationTable>) =>
    Number(
      (
        await db
          .updateTable('identity_verification')
          .set(patch)
          .where('id', '=', id)
          .where('status', '=', 'face_required')
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,

  memberByHash: (db: Db, officeId: string, hash: string) =>
    db
      .selectFrom('member')
      .select(['id', 'name', 'unit_id', 'mobile'])
      .where('office_id', '=', officeId)
      .where('id_number_hash', '=', hash)
      .executeTakeFirst(),

  // ---------- the member's own rows ----------

  /** Every policy of the member, newest first, with product and unit names (GET /m/me/policies). */
  /** The member's policies, newest first; the product version's name and rules come from productVersions. */
  policiesOf: (db: Db, officeId: string, memberId: string) =>
    db
      .selectFrom('policy')
      .leftJoin('unit', 'unit.id', 'policy.unit_id')
      .select([
        'policy.id',
        'policy.product_code',
        'policy.product_version_id',
        'policy.shares',
        'policy.start_date',
        'policy.end_date',
        'policy.waiting_end_date',
        'policy.state',
        'policy.batch_id',
        'policy.certificate_code',
        'unit.name as unit_name',
      ])
      .where('policy.office_id', '=', officeId)
      .where('policy.member_id', '=', memberId)
      .orderBy('policy.start_date', 'desc')
      .orderBy('policy.id')
      .execute(),

  /** Product versions by id (a published version never changes, so callers may keep them). */
  productVersions: (db: Db, ids: readonly string[]) =>
    db.selectFrom('product_version').select(['id', 'name', 'params_json']).where('id', 'in', ids).execute(),

  memberRow: (db: Db, officeId: string, memberId: string) =>
    db
      .selectFrom('member')
      .select(['id', 'name', 'id_number_masked', 'bank_name', 'bank_account_last4'])
      .where('office_id', '=', officeId)
      .where('id', '=', memberId)
      .executeTakeFirst(),

  setBankAccount: (
    db: Db,
    officeId: string,
    memberId: string,
    patch: { bank_name: string; bank_account_enc: string; bank_account_last4: string; updated_at: string },
  ) => db.updateTable('member').set(patch).where('office_id', '=', officeId).where('id', '=', memberId).execute(),
};
