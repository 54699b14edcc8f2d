import { addDays, diffDays } from '@huzhu/core';
import { bulkInsert, type DbHandle, newId } from '@huzhu/server';
import { DEMO_MEMBER_MOBILE } from './demo-member.ts';
import { type Rng, substream, WeightedPicker } from './prng.ts';

/**
 * QR channels of the demo (issue 12 item 7): a few hundred stations, events, platforms, campaigns and industry unions
 * across the agencies (weighted by their units), and the gig workers who enrol on their own phone attributed to them:
 * each unitless gig worker registered through one channel (member account, real name), their own policies counted
 * for that channel's agency, one paid order per GIG or SHORT_ACC term; beside them the funnel's losses — people who
 * registered and went no further, and orders left unpaid. Runs after the people are loaded and before the report
 * summaries are built. Gifts (GIG_GIFT) keep no order here: gift campaigns are their own feature.
 */

const KINDS: readonly [kind: 'station' | 'event' | 'platform' | 'campaign' | 'union', weight: number][] = [
  ['station', 45],
  ['event', 20],
  ['platform', 10],
  ['campaign', 10],
  ['union', 15],
];
const STATION_WORDS = ['骑手驿站', '快递小哥之家', '户外劳动者服务站', '外卖骑手服务点', '网约车司机之家'];
const PLATFORM_WORDS = ['外卖配送站', '同城快递网点', '网约车服务中心', '同城货运站', '即时配送站'];
const UNION_WORDS = ['快递行业工会', '外卖配送行业工会', '网约车行业工会', '货车司机工会', '家政服务业工会'];
const EVENT_WORDS = ['新就业形态劳动者入会宣讲会', '职工互助保障进站点', '骑手安全日', '送清凉活动', '冬日暖心行动'];
const CAMPAIGN_WORDS = ['新业态扩面专项行动', '骑手参保月', '快递员保障专项行动'];
const CODE_CHARS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Channels per unitless gig worker, and the bounds (so tiny data has a handful, demo and chongqing a few hundred). */
const WORKERS_PER_CHANNEL = 8;
const MIN_CHANNELS = 20;
const MAX_CHANNELS = 400;
/** Of the registrations, the share that never verified; of the verified who ordered, the share of unpaid orders. */
const ABANDONED_SHARE = 0.18;
const UNPAID_SHARE = 0.12;
const CLOSED_SHARE = 0.08;

const shortName = (agency: string) => agency.replace(/(办事处|总工会|工会|区|县)$/u, '');
const code = (rng: Rng) => Array.from({ length: 8 }, () => CODE_CHARS[rng.int(0, CODE_CHARS.length - 1)]).join('');
const instant = (date: string, rng: Rng) =>
  new Date(
    `${date}T${String(rng.int(8, 20)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`,
  ).toISOString();
const mobile = (rng: Rng) =>
  `1${rng.pick(['37', '38', '39', '58', '59', '86', '87', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

export async function seedDemoChannels(
  handle: DbHandle,
  env: { today: string; now: string },
  officeId: string,
  seed: number,
): Promise<{ channels: number; accounts: number; orders: number }> {
  const db = handle.db;
  const rng = substream(seed, 0x6368_616e);
  const agencies = await db
    .selectFrom('agency')
    .leftJoin('unit', 'unit.agency_id', 'agency.id')
    .select(['agency.id', 'agency.name', (eb) => eb.fn.count<number>('unit.id').as('units')])
    .where('agency.office_id', '=', officeId)
    .groupBy(['agency.id', 'agency.name'])
    .orderBy('agency.id')
    .execute();
  if (agencies.length === 0) return { channels: 0, accounts: 0, orders: 0 };
  const workers = await db
    .selectFrom('member')
    .select(['id', 'mobile', 'created_at'])
    .where('office_id', '=', officeId)
    .where('unit_id', 'is', null)
    .where('employment_kind', '=', 'gig')
    .orderBy('id')
    .execute();
  const count = Math.min(MAX_CHANNELS, Math.max(MIN_CHANNELS, Math.round(workers.length / WORKERS_PER_CHANNEL)));

  // Channels: kind by weight, agency by its units (an agency with none still gets some), made over the past 3 years.
  const kindPicker = new WeightedPicker(KINDS, ([, w]) => w);
  const agencyPicker = new WeightedPicker(agencies, (a) => Number(a.units) + 5);
  const codes = new Set<string>();
  const channels = Array.from({ length: count }, (_, i) => {
    const [kind] = kindPicker.pick(rng);
    const agency = rng.chance(0.06) ? null : agencyPicker.pick(rng);
    const place = agency ? shortName(agency.name) : '全市';
    const created = addDays(env.today, -rng.int(30, 3 * 365));
    const year = created.slice(0, 4);
    const name =
      kind === 'station'
        ? `${place}${rng.pick(STATION_WORDS)}${rng.int(1, 9)}号`
        : kind === 'platform'
          ? `${place}${rng.pick(PLATFORM_WORDS)}`
          : kind === 'union'
            ? `${place}${rng.pick(UNION_WORDS)}`
            : kind === 'event'
              ? `${place}${rng.pick(EVENT_WORDS)}（${year}年${Number(created.slice(5, 7))}月）`
              : `${year}年${place}${rng.pick(CAMPAIGN_WORDS)}`;
    let c = code(rng);
    while (codes.has(c)) c = code(rng);
    codes.add(c);
    const closed = kind === 'event' ? rng.chance(0.5) : rng.chance(CLOSED_SHARE);
    return {
      id: newId(),
      office_id: officeId,
      agency_id: agency?.id ?? null,
      code: c,
      name: `${name}${i % 97 === 96 ? '（二）' : ''}`,
      kind,
      products_json: JSON.stringify(['GIG', 'SHORT_ACC']),
      status: closed ? ('closed' as const) : ('open' as const),
      created_by: null,
      created_at: instant(created, rng),
      closed_at: closed ? instant(addDays(created, rng.int(1, 60)), rng) : null,
    };
  });
  await bulkInsert(handle, 'channel', channels);
  // Stations and platforms draw the most workers; events and campaigns fewer, unions in between.
  const drawWeight: Record<string, number> = { station: 5, platform: 4, union: 2, campaign: 2, event: 1 };
  const channelPicker = new WeightedPicker(channels, (c) => drawWeight[c.kind]!);

  const policies = await db
    .selectFrom('policy')
    .innerJoin('member', 'member.id', 'policy.member_id')
    .select([
      'policy.id',
      'policy.member_id',
      'policy.product_code',
      'policy.product_version_id',
      'policy.exclusive_group',
      'policy.shares',
      'policy.fee_fen',
      'policy.start_date',
      'policy.created_at',
    ])
    .where('policy.office_id', '=', officeId)
    .where('member.unit_id', 'is', null)
    .where('member.employment_kind', '=', 'gig')
    .orderBy('policy.member_id')
    .orderBy('policy.start_date')
    .execute();
  const byMember = new Map<string, typeof policies>();
  for (const p of policies) {
    const list = byMember.get(p.member_id);
    if (list) list.push(p);
    else byMember.set(p.member_id, [p]);
  }

  const mobiles = new Set<string>([DEMO_MEMBER_MOBILE]);
  const accounts: {
    id: string;
    office_id: string;
    mobile: string;
    member_id: string | null;
    verified_at: string | null;
    created_at: string;
    updated_at: string;
    last_login_at: string | null;
    channel_id: string;
  }[] = [];
  const orders: Record<string, unknown>[] = [];
  const payments: Record<string, unknown>[] = [];
  const agencyOfMember = new Map<string, string | null>();
  const order = (o: {
    accountId: string;
    memberId: string;
    channel: (typeof channels)[number];
    /** The policy the order is for (paid: it became this policy; unpaid: an earlier try at it). */
    p: (typeof policies)[number];
    at: string;
    paid: boolean;
  }) => {
    const id = newId();
    const outTradeNo = `HZ${newId().replaceAll('-', '')}`.slice(0, 32);
    const fee = Number(o.p.fee_fen);
    const paidAt = o.paid ? new Date(Date.parse(o.at) + 2 * 60_000).toISOString() : null;
    orders.push({
      id,
      office_id: officeId,
      member_id: o.memberId,
      account_id: o.accountId,
      channel_id: o.channel.id,
      agency_id: o.channel.agency_id,
      product_version_id: o.p.product_version_id,
      product_code: o.p.product_code,
      exclusive_group: o.p.exclusive_group,
      shares: Number(o.p.shares),
      fee_fen: fee,
      status: o.paid ? 'effective' : 'expired',
      provider: 'demo',
      out_trade_no: outTradeNo,
      prepay_json: null,
      expires_at: new Date(Date.parse(o.at) + 30 * 60_000).toISOString(),
      paid_at: paidAt,
      policy_id: o.paid ? o.p.id : null,
      gift_campaign_id: null,
      renewal_of: null,
      created_at: o.at,
      updated_at: paidAt ?? o.at,
    });
    if (o.paid)
      payments.push({
        id: newId(),
        office_id: officeId,
        enrolment_id: id,
        provider: 'demo',
        out_trade_no: outTradeNo,
        transaction_id: null,
        amount_fen: fee,
        paid_at: paidAt,
        source: 'demo',
        refund_no: null,
        refund_status: null,
        created_at: paidAt,
      });
  };

  for (const w of workers) {
    const mine = byMember.get(w.id) ?? [];
    const firstDay = mine[0] ? addDays(mine[0].start_date, -1) : addDays(env.today, -rng.int(1, 700));
    // A channel that already existed when the worker came (a few tries; the oldest channels take the rest).
    let channel = channelPicker.pick(rng);
    for (let i = 0; i < 8 && channel.created_at.slice(0, 10) > firstDay; i++) channel = channelPicker.pick(rng);
    agencyOfMember.set(w.id, channel.agency_id);
    if (!w.mobile || mobiles.has(w.mobile)) continue;
    mobiles.add(w.mobile);
    const registered = instant(firstDay, rng);
    const accountId = newId();
    accounts.push({
      id: accountId,
      office_id: officeId,
      mobile: w.mobile,
      member_id: w.id,
      verified_at: new Date(Date.parse(registered) + 60_000).toISOString(),
      created_at: registered,
      updated_at: registered,
      last_login_at: registered,
      channel_id: channel.id,
    });
    // Each own term bought in the app (gifts aside), some after an order left unpaid.
    let first = true;
    for (const p of mine) {
      if (p.product_code === 'GIG_GIFT') continue;
      const at = first
        ? new Date(Date.parse(registered) + 3 * 60_000).toISOString()
        : instant(addDays(p.start_date, -1), rng);
      if (rng.chance(UNPAID_SHARE)) order({ accountId, memberId: w.id, channel, p, at, paid: false });
      order({ accountId, memberId: w.id, channel, p, at, paid: true });
      first = false;
    }
  }
  // The funnel's first loss: people who registered through a channel and never verified.
  const abandoned = Math.round(accounts.length * ABANDONED_SHARE);
  for (let i = 0; i < abandoned; i++) {
    let m = mobile(rng);
    while (mobiles.has(m)) m = mobile(rng);
    mobiles.add(m);
    const channel = channelPicker.pick(rng);
    const opened = channel.created_at.slice(0, 10);
    const at = instant(addDays(opened, rng.int(0, Math.max(0, diffDays(opened, env.today)))), rng);
    accounts.push({
      id: newId(),
      office_id: officeId,
      mobile: m,
      member_id: null,
      verified_at: null,
      created_at: at,
      updated_at: at,
      last_login_at: at,
      channel_id: channel.id,
    });
  }
  await bulkInsert(handle, 'member_account', accounts);
  await bulkInsert(handle, 'gig_enrolment', orders as never);
  await bulkInsert(handle, 'gig_payment', payments as never);

  // The workers' own policies count for their channel's agency (the summaries are built after this).
  const byAgency = new Map<string, string[]>();
  for (const [memberId, agencyId] of agencyOfMember) {
    if (!agencyId || !byMember.has(memberId)) continue;
    const list = byAgency.get(agencyId);
    if (list) list.push(memberId);
    else byAgency.set(agencyId, [memberId]);
  }
  for (const [agencyId, members] of byAgency)
    for (let i = 0; i < members.length; i += 500)
      await db
        .updateTable('policy')
        .set({ agency_id: agencyId })
        .where('office_id', '=', officeId)
        .where('unit_id', 'is', null)
        .where('member_id', 'in', members.slice(i, i + 500))
        .execute();
  return { channels: channels.length, accounts: accounts.length, orders: orders.length };
}
