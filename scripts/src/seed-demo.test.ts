import os from 'node:os';
import path from 'node:path';
import { ageOn, parseCreditCode, parseIdNumber } from '@huzhu/core';
import { buildApp, loadConfig } from '@huzhu/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chongqingRegions } from './demo/agencies.data.ts';
import { isDatabaseEmpty, seedDemo, type SeedSummary } from './index.ts';
import { cipher, clock, emptyDatabase, PASSWORD, pgUrl, TODAY } from './testing/empty-database.ts';

const CQ_REGIONS = new Set(chongqingRegions.map((r) => r.code));

describe(`seedDemo tiny on ${pgUrl ? 'postgres' : 'sqlite'}`, () => {
  let db: Awaited<ReturnType<typeof emptyDatabase>>;
  let summary: SeedSummary;
  const phases = new Set<string>();

  beforeAll(async () => {
    db = await emptyDatabase();
    expect(await isDatabaseEmpty(db.handle.db)).toBe(true);
    summary = await seedDemo(
      { handle: db.handle, cipher, clock },
      { scale: 'tiny', seed: 7, password: PASSWORD, onProgress: (p) => phases.add(p.phase) },
    );
  });
  afterAll(async () => {
    await db.close();
  });

  const officeId = async (code: string) =>
    (await db.handle.db.selectFrom('office').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  // How fast is measured in bench/ (seed at chongqing scale), not asserted here: a busy machine is not a failure.
  it('pays relief in proportion to the claims (about 6.5 %), kept in the relief summary, with hardship files', async () => {
    const d = db.handle.db;
    const cq = await officeId('CQ');
    const claims = await d
      .selectFrom('claim')
      .select((eb) => eb.fn.sum<number>('approved_amount_fen').as('s'))
      .where('office_id', '=', cq)
      .where('status', '=', 'paid')
      .executeTakeFirstOrThrow();
    const relief = await d
      .selectFrom('relief_application')
      .select([(eb) => eb.fn.sum<number>('amount_fen').as('s'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('office_id', '=', cq)
      .where('status', '=', 'paid')
      .executeTakeFirstOrThrow();
    const share = Number(relief.s) / Number(claims.s);
    expect(Number(relief.n)).toBeGreaterThan(0);
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.1);
    const summary = await d
      .selectFrom('relief_paid_daily')
      .select([(eb) => eb.fn.sum<number>('amount_fen').as('s'), (eb) => eb.fn.sum<number>('count').as('n')])
      .where('office_id', '=', cq)
      .executeTakeFirstOrThrow();
    expect([Number(summary.s), Number(summary.n)]).toEqual([Number(relief.s), Number(relief.n)]);
    // hardship files come with the budget: none at the tiny scale's few claims, one member in 400 at most
    const files = await d.selectFrom('hardship_file').select('id').where('office_id', '=', cq).execute();
    expect(files.length).toBeLessThanOrEqual(Math.ceil(1_500 / 400));
  });

  it('records trainings in proportion to the seed (35 sessions, ~5,000 person-times a full year) and events', async () => {
    const d = db.handle.db;
    const cq = await officeId('CQ');
    const lastYear = Number(TODAY.slice(0, 4)) - 1;
    const t = await d
      .selectFrom('training_session')
      .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('attendees').as('p')])
      .where('office_id', '=', cq)
      .where('held_on', '>=', `${lastYear}-01-01`)
      .where('held_on', '<=', `${lastYear}-12-31`)
      .executeTakeFirstOrThrow();
    expect(Number(t.n)).toBe(35);
    expect(Number(t.p)).toBe(5_000);
    const e = await d
      .selectFrom('outreach_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('office_id', '=', cq)
      .executeTakeFirstOrThrow();
    expect(Number(e.n)).toBeGreaterThan(100);
  });

  it('loads the tiny scale with every agency, and reports its progress', async () => {
    expect(summary.seconds).toBeGreaterThan(0);
    expect(summary).toMatchObject({ offices: 2, agencies: 55, units: 80, members: 2_000, users: 8 });
    expect([...phases]).toEqual(['organisations', 'units', 'members', 'summaries', 'accounts']);
    const d = db.handle.db;
    const perOffice = await d
      .selectFrom('member')
      .innerJoin('office', 'office.id', 'member.office_id')
      .select(['office.code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('office.code')
      .orderBy('office.code')
      .execute();
    expect(perOffice.map((r) => [r.code, Number(r.n)])).toEqual([
      ['CQ', 1_500],
      ['GZ', 500],
    ]);
    const agencies = await d
      .selectFrom('agency')
      .leftJoin('unit', 'unit.agency_id', 'agency.id')
      .select(['agency.code', 'unit.id'])
      .execute();
    const withoutUnits = agencies.filter((a) => a.id === null).map((a) => a.code);
    expect(withoutUnits).toEqual([]);
    const cq = await d
      .selectFrom('agency')
      .select(['code', 'name', 'kind'])
      .where('office_id', '=', await officeId('CQ'))
      .execute();
    expect(cq.filter((a) => a.kind === 'district')).toHaveLength(40);
    expect(cq.filter((a) => a.kind === 'industry')).toHaveLength(12);
    expect(cq.find((a) => a.code === 'D500243')?.name).toBe('彭水苗族土家族自治县');
    expect(await isDatabaseEmpty(d)).toBe(false);
  });

  it('gives every member a valid, unique, sex- and age-consistent ID number of their office’s region', async () => {
    const rows = await db.handle.db
      .selectFrom('member')
      .innerJoin('office', 'office.id', 'member.office_id')
      .select(['office.code', 'id_number_enc', 'id_number_hash', 'id_number_masked', 'sex', 'birth_date', 'mobile'])
      .execute();
    const seen = new Set<string>();
    for (const r of rows) {
      const id = cipher.decrypt(r.id_number_enc);
      const parsed = parseIdNumber(id, TODAY);
      expect(parsed.ok, id).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.sex).toBe(r.sex);
      expect(parsed.value.birthDate).toBe(r.birth_date);
      expect(ageOn(r.birth_date, TODAY)).toBeGreaterThanOrEqual(18);
      expect(ageOn(r.birth_date, TODAY)).toBeLessThanOrEqual(62);
      expect(cipher.blindIndex(id)).toBe(r.id_number_hash);
      expect(r.id_number_masked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
      if (r.code === 'CQ') expect(CQ_REGIONS.has(id.slice(0, 6)), id).toBe(true);
      else expect(id.slice(0, 2)).toBe('52');
      if (r.mobile !== null) expect(r.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(seen.has(`${r.code}${id}`)).toBe(false);
      seen.add(`${r.code}${id}`);
    }
    expect(rows.filter((r) => r.mobile === null).length).toBeGreaterThan(0);
  });

  it('gives every unit a parseable credit code, flags the wrong check characters, and names it', async () => {
    const units = await db.handle.db.selectFrom('unit').selectAll().execute();
    for (const u of units) {
      const parsed = parseCreditCode(u.credit_code);
      expect(parsed.ok, u.credit_code).toBe(true);
      if (parsed.ok) expect(u.credit_code_valid).toBe(parsed.value.checksumValid ? 1 : 0);
      expect(u.name.length).toBeGreaterThan(4);
      expect(u.female_headcount).toBeLessThanOrEqual(u.headcount);
    }
    expect(new Set(units.map((u) => `${u.office_id}${u.credit_code}`)).size).toBe(units.length);
    for (const office of new Set(units.map((u) => u.office_id))) {
      expect(units.some((u) => u.office_id === office && u.credit_code_valid === 0)).toBe(true);
    }
  });

  it('has a gig-worker share, some of them with no unit, and a unit history for every member with a unit', async () => {
    const d = db.handle.db;
    const members = await d.selectFrom('member').select(['id', 'unit_id', 'employment_kind', 'gig_kind']).execute();
    const gig = members.filter((m) => m.employment_kind === 'gig');
    expect(gig.length / members.length).toBeGreaterThan(0.06);
    expect(gig.length / members.length).toBeLessThan(0.1);
    expect(gig.every((m) => m.gig_kind !== null)).toBe(true);
    expect(gig.some((m) => m.unit_id === null)).toBe(true);
    const links = await d.selectFrom('member_unit').select(['member_id', 'unit_id', 'from_date', 'to_date']).execute();
    const byMember = new Map<string, typeof links>();
    for (const l of links) byMember.set(l.member_id, [...(byMember.get(l.member_id) ?? []), l]);
    for (const m of members) {
      const history = byMember.get(m.id) ?? [];
      if (m.unit_id === null) {
        expect(history).toEqual([]);
        continue;
      }
      expect(history.filter((h) => h.to_date === null).map((h) => h.unit_id)).toEqual([m.unit_id]);
    }
    const moved = [...byMember.values()].filter((h) => h.length === 2);
    expect(moved.length).toBeGreaterThan(0);
    for (const [a, b] of moved.map((h) => [...h].sort((x, y) => x.from_date.localeCompare(y.from_date)))) {
      expect(a!.to_date).toBe(b!.from_date);
      expect(a!.unit_id).not.toBe(b!.unit_id);
    }
  });

  it('creates the demo accounts with their roles and organisations', async () => {
    const d = db.handle.db;
    const users = await d
      .selectFrom('app_user')
      .leftJoin('office', 'office.id', 'app_user.office_id')
      .leftJoin('agency', 'agency.id', 'app_user.agency_id')
      .leftJoin('unit', 'unit.id', 'app_user.unit_id')
      .leftJoin('agency as ua', 'ua.id', 'unit.agency_id')
      .select([
        'username',
        'role',
        'office.code as office',
        'agency.name as agency',
        'ua.name as unitAgency',
        'app_user.unit_id',
      ])
      .orderBy('username')
      .execute();
    expect(users.map((u) => [u.username, u.role, u.office, u.agency ?? u.unitAgency])).toEqual([
      ['admin', 'office_admin', 'CQ', null],
      ['finance', 'office_finance', 'CQ', null],
      ['gzadmin', 'office_admin', 'GZ', null],
      ['jiangbei', 'agency_staff', 'CQ', '江北区'],
      ['national', 'national_viewer', null, null],
      ['reviewer', 'office_reviewer', 'CQ', null],
      ['unit1', 'unit_agent', 'CQ', '江北区'],
      ['wanzhou', 'agency_staff', 'CQ', '万州区'],
    ]);
    const products = await d
      .selectFrom('product')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(products.n)).toBeGreaterThan(0);
  });

  it('signs the accounts in, shows unit1 its members and keeps 贵州办事处 apart', async () => {
    const config = {
      ...loadConfig({ DATA_DIR: path.join(os.tmpdir(), 'huzhu-seed-test') } as NodeJS.ProcessEnv),
      logLevel: 'silent',
    };
    const { app } = await buildApp(
      { ...config, consoleDir: undefined, mobileDir: undefined },
      { handle: db.handle, cipher, clock, logger: false },
    );
    try {
      const login = async (username: string) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: PASSWORD },
        });
        expect(res.statusCode, res.body).toBe(200);
        const cookie = `huzhu_sid=${res.cookies.find((c) => c.name === 'huzhu_sid')!.value}`;
        return (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
      };
      const unit1 = await login('unit1');
      const own = (await unit1('/api/v1/members?pageSize=5')).json() as { total: number };
      expect(own.total).toBeGreaterThan(0);

      const gzOffice = await officeId('GZ');
      const gzMember = await db.handle.db
        .selectFrom('member')
        .select('id')
        .where('office_id', '=', gzOffice)
        .executeTakeFirstOrThrow();
      const gzUnits = await db.handle.db
        .selectFrom('member')
        .innerJoin('unit', 'unit.id', 'member.unit_id')
        .select('unit.office_id')
        .where('member.office_id', '=', gzOffice)
        .execute();
      expect(gzUnits.every((u) => u.office_id === gzOffice)).toBe(true);
      expect((await (await login('admin'))(`/api/v1/members/${gzMember.id}`)).statusCode).toBe(404);
      const gz = await login('gzadmin');
      expect((await gz(`/api/v1/members/${gzMember.id}`)).statusCode).toBe(200);
      expect(((await gz('/api/v1/members?pageSize=1')).json() as { total: number }).total).toBe(500);
    } finally {
      await app.close();
    }
  });
  it('holds a sponsor gift campaign in progress (about two thirds granted) and last year’s, used up, over GIG_GIFT policies', async () => {
    const d = db.handle.db;
    const cq = await officeId('CQ');
    const campaigns = await d
      .selectFrom('gift_campaign')
      .selectAll()
      .where('office_id', '=', cq)
      .orderBy('start_date')
      .execute();
    expect(campaigns.map((c) => c.status)).toEqual(['closed', 'open']);
    const [last, current] = campaigns;
    expect(current!.start_date <= TODAY && TODAY <= current!.end_date).toBe(true);
    expect(current!.granted_count).toBeLessThan(current!.budget_count);
    expect(last!.granted_count).toBe(last!.budget_count);
    for (const c of campaigns) {
      const grants = await d
        .selectFrom('gift_grant')
        .innerJoin('policy', 'policy.id', 'gift_grant.policy_id')
        .select(['gift_grant.member_id', 'policy.product_code'])
        .where('gift_grant.campaign_id', '=', c.id)
        .execute();
      expect(grants).toHaveLength(c.granted_count);
      expect(new Set(grants.map((g) => g.member_id)).size).toBe(grants.length);
      expect(grants.every((g) => g.product_code === 'GIG_GIFT')).toBe(true);
    }
    // Many gifts claimed in the app came through a QR channel of the worker's agency, open before the claim; roster
    // grants none. So the channel report's 赠险 column is not empty.
    const app = await d
      .selectFrom('gift_grant')
      .leftJoin('channel', 'channel.id', 'gift_grant.channel_id')
      .select([
        'gift_grant.source',
        'gift_grant.channel_id',
        'gift_grant.agency_id',
        'gift_grant.created_at',
        'channel.agency_id as channel_agency',
        'channel.created_at as channel_created',
      ])
      .where('gift_grant.office_id', '=', cq)
      .execute();
    const viaChannel = app.filter((g) => g.channel_id);
    expect(app.filter((g) => g.source === 'roster' && g.channel_id)).toEqual([]);
    const inApp = app.filter((g) => g.source === 'app').length;
    expect(viaChannel.length).toBeGreaterThan(inApp * 0.2);
    expect(viaChannel.length).toBeLessThan(inApp);
    for (const g of viaChannel) {
      expect(g.channel_agency).toBe(g.agency_id);
      expect(g.channel_created! <= g.created_at).toBe(true);
    }
  });
});
