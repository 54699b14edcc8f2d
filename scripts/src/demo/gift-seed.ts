import { addDays } from '@huzhu/core';
import { type BulkRow, bulkInsert, type DbHandle } from '@huzhu/server';

/**
 * Demo gift cover campaigns (新业态赠险): the GIG_GIFT policies the people loader issued become the grants of two
 * sponsor campaigns — last year's, closed with its budget used up, and this year's, in progress with about two thirds
 * of its budget granted (claimed in the app by most, granted from industry unions' rosters for the rest).
 */
export async function seedDemoGifts(
  handle: DbHandle,
  env: { now: string; today: string; newId: () => string },
  officeId: string,
  adminId: string,
): Promise<{ campaigns: number; grants: number }> {
  const db = handle.db;
  const plans = [
    {
      name: '新就业形态劳动者暖心赠险（上年度）',
      sponsor: '重庆市新就业形态劳动者关爱基金',
      start: addDays(env.today, -515),
      end: addDays(env.today, -151),
      inProgress: false,
    },
    {
      name: '骑手小哥关爱赠险',
      sponsor: '渝州同城配送平台公益基金',
      start: addDays(env.today, -150),
      end: addDays(env.today, 215),
      inProgress: true,
    },
  ];
  // Most gifts claimed in the app came through a poster: a station's or a platform's QR channel of the worker's
  // agency, opened before the claim (the channel report's 赠险 column counts them).
  const channels = await db
    .selectFrom('channel')
    .select(['id', 'agency_id', 'created_at'])
    .where('office_id', '=', officeId)
    .where('kind', 'in', ['station', 'platform', 'campaign'])
    .orderBy('id')
    .execute();
  const byAgency = new Map<string, typeof channels>();
  for (const c of channels) {
    const key = c.agency_id ?? '';
    byAgency.set(key, [...(byAgency.get(key) ?? []), c]);
  }
  const channelFor = (agencyId: string | null, at: string, k: number): string | null => {
    if (k % 4 === 3) return null; // a quarter found the app without a poster
    const open = (byAgency.get(agencyId ?? '') ?? []).filter((c) => c.created_at <= at);
    return open.length ? open[k % open.length]!.id : null;
  };
  let grants = 0;
  for (const [i, p] of plans.entries()) {
    // A gift claimed on day D covers from D + 1.
    const policies = await db
      .selectFrom('policy')
      .select(['id', 'member_id', 'agency_id', 'start_date', 'created_at'])
      .where('office_id', '=', officeId)
      .where('product_code', '=', 'GIG_GIFT')
      .where('start_date', '>', p.start)
      .where('start_date', '<=', addDays(p.end, 1))
      .orderBy('start_date')
      .orderBy('id')
      .execute();
    const seen = new Set<string>();
    const campaignId = env.newId();
    const rows: BulkRow<'gift_grant'>[] = [];
    for (const [k, pol] of policies.entries()) {
      if (seen.has(pol.member_id)) continue;
      seen.add(pol.member_id);
      const roster = k % 3 === 2;
      rows.push({
        id: env.newId(),
        office_id: officeId,
        campaign_id: campaignId,
        member_id: pol.member_id,
        policy_id: pol.id,
        source: roster ? 'roster' : 'app',
        channel_id: roster ? null : channelFor(pol.agency_id, pol.created_at, k),
        agency_id: pol.agency_id,
        account_id: null,
        granted_by: roster ? adminId : null,
        created_at: pol.created_at,
      });
    }
    // Last year's budget ran out; this year's is about two thirds granted, in round hundreds.
    const budget = p.inProgress ? Math.max(200, Math.ceil(rows.length / 0.64 / 100) * 100) : rows.length;
    await db
      .insertInto('gift_campaign')
      .values({
        id: campaignId,
        office_id: officeId,
        name: p.name,
        sponsor: p.sponsor,
        product_code: 'GIG_GIFT',
        budget_count: Math.max(budget, 1),
        granted_count: rows.length,
        start_date: p.start,
        end_date: p.end,
        eligibility_json: JSON.stringify({ employmentKinds: ['gig'], minAge: 16, maxAge: 65 }),
        status: p.inProgress ? 'open' : 'closed',
        created_by: adminId,
        created_at: `${addDays(p.start, -7 - i)}T02:00:00.000Z`,
        updated_at: env.now,
        closed_at: p.inProgress ? null : `${p.end}T16:00:00.000Z`,
      })
      .execute();
    if (rows.length > 0) await bulkInsert(handle, 'gift_grant', rows);
    grants += rows.length;
  }
  return { campaigns: plans.length, grants };
}
