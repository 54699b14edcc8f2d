import { addDays, isWorkingDay } from '@huzhu/core';
import { bulkInsert, type DbHandle } from '@huzhu/server';
import { apportion, mulberry32 } from './prng.ts';

/**
 * Demo trainings and outreach events in proportion to the seed: the office ran 35 training sessions with about 5,000
 * person-times in 2024 (product.md §8). Every year of the demo history gets that (the current year up to today, in
 * proportion), spread over the agencies and the office itself on working days; and about 60 policy talks and
 * consultation booths a year, the booths showing the office's event QR channel. A smaller office gets a third.
 */
const SESSIONS_PER_YEAR = 35;
const PERSON_TIMES_PER_YEAR = 5_000;
const EVENTS_PER_YEAR = 60;
const YEARS = 3;

const topics = [
  '职工互助保障政策解读',
  '住院互助金申领流程与材料',
  '基层工会经办人业务培训',
  '新就业形态劳动者参保指引',
  '重大疾病互助保障介绍',
  '女职工安康互助保障专题',
  '救助慰问与一站式申领',
  '参保名册填报与续保',
];
const places = ['区总工会会议室', '街道职工服务中心', '园区工会活动室', '企业职工之家', '社区党群服务中心'];
const eventPlaces = ['观音桥步行街', '解放碑广场', '园区食堂门口', '骑手驿站', '人才市场', '企业生产车间'];

export async function seedDemoOutreach(
  handle: DbHandle,
  env: { now: string; today: string; newId: () => string },
  officeId: string,
  opts: { seed: number; full: boolean; actorId: string },
): Promise<{ sessions: number; personTimes: number; events: number }> {
  const db = handle.db;
  const rng = mulberry32(opts.seed ^ 0x7a11);
  const agencies = (
    await db.selectFrom('agency').select(['id', 'name']).where('office_id', '=', officeId).orderBy('code').execute()
  ).map((a) => a.id);
  const owners: (string | null)[] = [null, ...agencies];
  const scale = opts.full ? 1 : 1 / 3;
  const channelId = env.newId();
  await db
    .insertInto('channel')
    .values({
      id: channelId,
      office_id: officeId,
      agency_id: null,
      code: `EV${opts.seed.toString(36).toUpperCase().slice(-4).padStart(4, 'X')}${opts.full ? 'CQ' : 'GZ'}`,
      name: '宣讲咨询活动扫码参保',
      kind: 'event',
      products_json: JSON.stringify(['GIG', 'SHORT_ACC']),
      status: 'open',
      created_by: opts.actorId,
      created_at: env.now,
      closed_at: null,
    })
    .execute();
  const year = Number(env.today.slice(0, 4));
  const dayIn = (y: number) => {
    const start = `${y}-01-01`;
    const last = y === year ? env.today : `${y}-12-31`;
    const span = Math.max(1, (Date.parse(last) - Date.parse(start)) / 86_400_000);
    for (;;) {
      const d = addDays(start, rng.int(0, span));
      if (d <= last && isWorkingDay(d)) return d;
    }
  };
  const elapsed = (y: number) =>
    y < year ? 1 : (Date.parse(env.today) - Date.parse(`${year}-01-01`)) / (365 * 86_400_000);
  let sessions = 0;
  let personTimes = 0;
  let events = 0;
  const trainingRows = [];
  const eventRows = [];
  for (let y = year - YEARS + 1; y <= year; y++) {
    const n = Math.max(1, Math.round(SESSIONS_PER_YEAR * scale * elapsed(y)));
    const attendees = apportion(
      Math.round(PERSON_TIMES_PER_YEAR * scale * elapsed(y)),
      Array.from({ length: n }, () => 0.5 + rng.next()),
    );
    for (let i = 0; i < n; i++) {
      trainingRows.push({
        id: env.newId(),
        office_id: officeId,
        agency_id: owners[i % owners.length]!,
        held_on: dayIn(y),
        place: rng.pick(places),
        organiser: i % owners.length === 0 ? '市总工会职工互助保障办事处' : '区总工会',
        topic: rng.pick(topics),
        attendees: Math.max(1, attendees[i]!),
        created_by: opts.actorId,
        created_at: env.now,
      });
      sessions += 1;
      personTimes += Math.max(1, attendees[i]!);
    }
    const m = Math.max(1, Math.round(EVENTS_PER_YEAR * scale * elapsed(y)));
    for (let i = 0; i < m; i++) {
      const booth = rng.chance(0.5);
      const attending = rng.int(40, 400);
      eventRows.push({
        id: env.newId(),
        office_id: officeId,
        agency_id: owners[(i + 1) % owners.length]!,
        held_on: dayIn(y),
        place: rng.pick(eventPlaces),
        kind: booth ? 'booth' : 'talk',
        title: booth ? '互助保障咨询台' : '职工互助保障政策宣讲',
        attendees: attending,
        consultations: booth ? rng.int(20, Math.min(150, attending)) : rng.int(5, Math.floor(attending / 4)),
        channel_id: booth ? channelId : null,
        created_by: opts.actorId,
        created_at: env.now,
      });
      events += 1;
    }
  }
  await bulkInsert(handle, 'training_session', trainingRows);
  await bulkInsert(handle, 'outreach_event', eventRows);
  return { sessions, personTimes, events };
}
