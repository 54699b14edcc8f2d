import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, GiftCampaignTable, GiftGrantTable } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

export type GiftCampaignRow = Selectable<GiftCampaignTable>;
export type GiftGrantRow = Selectable<GiftGrantTable>;

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A landing page offers at most this many gift campaigns open that day (the oldest first): a ceiling of the phone
 * screen, not a list anybody pages through (docs/decisions.md, "Every list pages"). Staff see them all, paged.
 */
export const LANDING_CAMPAIGNS_MAX = 20;

/** Gift cover campaigns and their grants (one per worker per campaign). */
export const giftCampaignRepository = {
  insertCampaign: (db: Db, row: Insertable<GiftCampaignTable>) => db.insertInto('gift_campaign').values(row).execute(),

  campaign: (db: Db, officeId: string, id: string) =>
    db
      .selectFrom('gift_campaign')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst(),

  /**
   * A page of the office's campaigns, newest first (then id); `agencyId` keeps those open to that agency (no agency
   * list, or one naming it), in the query, so pages and the total agree with what the agency sees.
   */
  async listCampaigns(
    db: Db,
    officeId: string,
    f: { q?: string; status?: string; agencyId?: string | null; page: number; pageSize: number },
  ) {
    let q = db.selectFrom('gift_campaign').where('office_id', '=', officeId);
    if (f.status) q = q.where('status', '=', f.status as GiftCampaignTable['status']);
    const agencyId = f.agencyId;
    if (agencyId)
      q = q.where((eb) =>
        eb.or([
          eb.not(containsText(eb.ref('eligibility_json'), '"agencyIds":[')),
          containsText(eb.ref('eligibility_json'), '"agencyIds":[]'),
          containsText(eb.ref('eligibility_json'), JSON.stringify(agencyId)),
        ]),
      );
    if (f.q) {
      const like = likeOf(f.q);
      q = q.where((eb) => eb.or([eb('name', 'like', like), eb('sponsor', 'like', like)]));
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(total.n) };
  },

  /** Campaigns a landing page may show on `today`: open, inside their period. */
  claimableCampaigns: (db: Db, officeId: string, today: string) =>
    db
      .selectFrom('gift_campaign')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('status', '=', 'open')
      .where('start_date', '<=', today)
      .where('end_date', '>=', today)
      .orderBy('created_at')
      .orderBy('id')
      .limit(LANDING_CAMPAIGNS_MAX)
      .execute(),

  updateCampaign: (db: Db, officeId: string, id: string, patch: Updateable<GiftCampaignTable>) =>
    db.updateTable('gift_campaign').set(patch).where('office_id', '=', officeId).where('id', '=', id).execute(),

  /** A new budget, never below what is already granted (checked in the same statement). */
  setBudget: async (db: Db, officeId: string, id: string, budget: number, at: string) =>
    Number(
      (
        await db
          .updateTable('gift_campaign')
          .set({ budget_count: budget, updated_at: at })
          .where('office_id', '=', officeId)
          .where('id', '=', id)
          .where('granted_count', '<=', budget)
          .executeTakeFirst()
      ).numUpdatedRows,
    ),

  closeCampaign: async (db: Db, officeId: string, id: string, at: string) =>
    Number(
      (
        await db
          .updateTable('gift_campaign')
          .set({ status: 'closed', closed_at: at, updated_at: at })
          .where('office_id', '=', officeId)
          .where('id', '=', id)
          .where('status', '=', 'open')
          .executeTakeFirst()
      ).numUpdatedRows,
    ),

  /**
   * Takes one gift of the budget: a conditional increment, so of any number of concurrent grants at most
   * `budget_count` ever succeed (SQLite serialises writers; on PostgreSQL the row lock makes a waiting update
   * re-check `granted_count < budget_count` against the committed count). 1 = taken, 0 = none left (or closed).
   */
  takeOne: async (db: Db, officeId: string, id: string, at: string) =>
    Number(
      (
        await db
          .updateTable('gift_campaign')
          .set((eb) => ({ granted_count: eb('granted_count', '+', 1), updated_at: at }))
          .where('office_id', '=', officeId)
          .where('id', '=', id)
          .where('status', '=', 'open')
          .whereRef('granted_count', '<', 'budget_count')
          .executeTakeFirst()
      ).numUpdatedRows,
    ),

  insertGrant: (db: Db, row: Insertable<GiftGrantTable>) => db.insertInto('gift_grant').values(row).execute(),

  grantOf: (db: Db, officeId: string, campaignId: string, memberId: string) =>
    db
      .selectFrom('gift_grant')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('campaign_id', '=', campaignId)
      .where('member_id', '=', memberId)
      .executeTakeFirst(),

  grant: (db: Db, officeId: string, id: string) =>
    db.selectFrom('gift_grant').selectAll().where('office_id', '=', officeId).where('id', '=', id).executeTakeFirst(),

  /** The campaigns a member already holds a gift of, among `campaignIds`. */
  async grantedCampaignsOf(db: Db, officeId: string, memberId: string, campaignIds: string[]) {
    if (campaignIds.length === 0) return new Set<string>();
    const rows = await db
      .selectFrom('gift_grant')
      .select('campaign_id')
      .where('office_id', '=', officeId)
      .where('member_id', '=', memberId)
      .where('campaign_id', 'in', campaignIds)
      .execute();
    return new Set(rows.map((r) => r.campaign_id));
  },

  /** Gifts per channel in a period (the channel report's 赠险 column). */
  async giftsPerChannel(db: Db, officeId: string, fromIso: string, toIso: string) {
    const rows = await db
      .selectFrom('gift_grant')
      .select(['channel_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('office_id', '=', officeId)
      .where('channel_id', 'is not', null)
      .where('created_at', '>=', fromIso)
      .where('created_at', '<', toIso)
      .groupBy('channel_id')
      .execute();
    return new Map(rows.map((r) => [r.channel_id as string, Number(r.n)]));
  },

  countGrants: async (db: Db, officeId: string, campaignId: string) =>
    Number(
      (
        await db
          .selectFrom('gift_grant')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('office_id', '=', officeId)
          .where('campaign_id', '=', campaignId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
};
