import {
  type BulkRow,
  bulkInsert,
  type Clock,
  createBulkWriter,
  type Database,
  type DbHandle,
  hashPassword,
  newId,
  type PiiCipher,
  systemClock,
} from '@huzhu/server';
import type { Kysely } from 'kysely';
import { type OfficeSpec, offices } from './demo/agencies.data.ts';
import { accountRows, demoAccounts } from './demo/demo-accounts.ts';
import { memberStream } from './demo/member-stream.ts';
import { substream } from './demo/prng.ts';
import { type PlannedUnit, planUnits, type SeededAgency } from './demo/unit-planner.ts';

export type SeedScale = 'tiny' | 'demo' | 'chongqing';

export interface SeedProgress {
  phase: 'organisations' | 'units' | 'members' | 'accounts';
  done: number;
  total: number;
}

export interface SeedDeps {
  handle: DbHandle;
  cipher: PiiCipher;
  clock?: Clock;
}

export interface SeedOptions {
  scale: SeedScale;
  seed?: number;
  password: string;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedSummary {
  scale: SeedScale;
  seed: number;
  offices: number;
  agencies: number;
  units: number;
  members: number;
  memberUnits: number;
  users: number;
  accounts: { username: string; role: string; displayName: string }[];
  seconds: number;
}

interface OfficeSize {
  units: number;
  members: number;
}

/** Units and members per office. chongqing is the real office's size (21,500 units, 2.92 million members). */
export const seedScales: Record<SeedScale, Record<'CQ' | 'GZ', OfficeSize>> = {
  tiny: { CQ: { units: 60, members: 1_500 }, GZ: { units: 20, members: 500 } },
  demo: { CQ: { units: 2_000, members: 100_000 }, GZ: { units: 20, members: 500 } },
  chongqing: { CQ: { units: 21_500, members: 2_920_000 }, GZ: { units: 20, members: 500 } },
};

export const DEFAULT_SEED = 20_250_101;
// About 8 % of members are gig workers: 3 points of them individuals without a unit, the rest with platform units.
const UNITLESS_GIG_SHARE = 0.03;
const PLATFORM_SHARE_OF_UNIT_MEMBERS = 0.05 / (1 - UNITLESS_GIG_SHARE);
const ANCHOR_AGENCY = 'D500105';
const META_KEY = 'demo_seed';
const CHUNK_ROWS = 5_000;

/** True when nothing has been loaded yet, or only an interrupted demo load (which seedDemo clears first). */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const office = await db.selectFrom('office').select('id').limit(1).executeTakeFirst();
  if (!office) return true;
  return (await seedStatus(db)) === 'loading';
}

async function seedStatus(db: Kysely<Database>): Promise<string | undefined> {
  const meta = await db.selectFrom('app_meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  return meta ? (JSON.parse(meta.value) as { status: string }).status : undefined;
}

/**
 * Loads the demo offices: 重庆办事处 in full and the small 贵州办事处, with the demo accounts. Deterministic:
 * the same seed on the same day gives the same names, ID numbers and codes (ids, ciphertext nonces and
 * timestamps differ). Rows go through the bulk path in chunks; members are streamed, never all in memory.
 */
export async function seedDemo(deps: SeedDeps, opts: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { handle, cipher } = deps;
  const clock = deps.clock ?? systemClock();
  const seed = opts.seed ?? DEFAULT_SEED;
  const now = clock.iso();
  const today = clock.today();
  const sizes = seedScales[opts.scale];
  const progress = opts.onProgress ?? (() => undefined);
  const db = handle.db;

  if (!(await isDatabaseEmpty(db))) throw new Error('数据库不是空的：演示数据只载入空数据库');
  if ((await seedStatus(db)) === 'loading') await clearInterruptedSeed(db);
  await db
    .insertInto('app_meta')
    .values({ key: META_KEY, value: JSON.stringify({ status: 'loading', scale: opts.scale, seed }) })
    .execute();

  progress({ phase: 'organisations', done: 0, total: 2 });
  const passwordHash = hashPassword(opts.password);
  const officeIds = { CQ: newId(), GZ: newId() };
  const agencies = { CQ: seedAgencies(offices.CQ), GZ: seedAgencies(offices.GZ) };
  await bulkInsert(
    handle,
    'office',
    (['CQ', 'GZ'] as const).map((k) => ({
      id: officeIds[k],
      code: offices[k].code,
      name: offices[k].name,
      region_code: offices[k].regionCode,
      created_at: now,
    })),
  );
  const agencyRows = (['CQ', 'GZ'] as const).flatMap((k) =>
    agencies[k].map(
      (a): BulkRow<'agency'> => ({
        id: a.id,
        office_id: officeIds[k],
        code: a.spec.code,
        name: a.spec.name,
        kind: a.spec.kind,
        region_code: a.spec.regionCode,
        created_at: now,
      }),
    ),
  );
  await bulkInsert(handle, 'agency', agencyRows);
  progress({ phase: 'organisations', done: 2, total: 2 });

  const plans = (['CQ', 'GZ'] as const).map((k, i) => {
    const size = sizes[k];
    const unitless = Math.round(size.members * UNITLESS_GIG_SHARE);
    const units = planUnits(substream(seed, 101 + i), {
      officeId: officeIds[k],
      office: offices[k],
      agencies: agencies[k],
      units: size.units,
      membersInUnits: size.members - unitless,
      platformShare: PLATFORM_SHARE_OF_UNIT_MEMBERS,
      anchorAgencyCode: k === 'CQ' ? ANCHOR_AGENCY : undefined,
      now,
      newId,
    });
    return { key: k, units, unitless, seed: substream(seed, 201 + i) };
  });

  const totalUnits = sizes.CQ.units + sizes.GZ.units;
  const units = createBulkWriter(handle, 'unit', { chunkRows: CHUNK_ROWS });
  for (const plan of plans) {
    for (const u of plan.units) {
      await units.push(u.row);
      if (units.written % CHUNK_ROWS === 0 && units.written > 0) progress({ phase: 'units', done: units.written, total: totalUnits });
    }
  }
  await units.close();
  progress({ phase: 'units', done: units.written, total: totalUnits });

  const totalMembers = sizes.CQ.members + sizes.GZ.members;
  const members = createBulkWriter(handle, 'member', { chunkRows: CHUNK_ROWS });
  const links = createBulkWriter(handle, 'member_unit', { chunkRows: CHUNK_ROWS, after: members });
  let done = 0;
  for (const plan of plans) {
    const stream = memberStream(plan.seed, {
      officeId: officeIds[plan.key],
      office: offices[plan.key],
      units: plan.units,
      unitless: plan.unitless,
      cipher,
      today,
      now,
      newId,
    });
    for (const item of stream) {
      await members.push(item.member);
      for (const link of item.links) await links.push(link);
      done += 1;
      if (done % CHUNK_ROWS === 0) progress({ phase: 'members', done, total: totalMembers });
    }
  }
  await links.close();
  progress({ phase: 'members', done, total: totalMembers });

  progress({ phase: 'accounts', done: 0, total: demoAccounts.length });
  const anchor = plans[0]!.units.find((u: PlannedUnit) => u.agency.spec.code === ANCHOR_AGENCY && u.members > 0);
  if (!anchor) throw new Error('演示数据缺少江北区有会员的单位');
  const users = accountRows(
    {
      officeIds,
      anchorUnitId: anchor.row.id,
      agencyIdByCode: (office, code) => agencies[office].find((a) => a.spec.code === code)!.id,
    },
    await passwordHash,
    now,
    newId,
  );
  await bulkInsert(handle, 'app_user', users);
  progress({ phase: 'accounts', done: users.length, total: users.length });

  const summary: SeedSummary = {
    scale: opts.scale,
    seed,
    offices: 2,
    agencies: agencyRows.length,
    units: units.written,
    members: members.written,
    memberUnits: links.written,
    users: users.length,
    accounts: users.map((u) => ({ username: u.username, role: u.role, displayName: u.display_name })),
    seconds: 0,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('audit_log')
      .values(
        plans.map((p) => ({
          id: newId(),
          office_id: officeIds[p.key],
          actor_id: null,
          actor_name: '演示数据生成器',
          action: 'demo.seed',
          object_type: 'office',
          object_id: officeIds[p.key],
          before_json: null,
          after_json: JSON.stringify({ scale: opts.scale, seed, units: p.units.length }),
          ip: null,
          created_at: now,
        })),
      )
      .execute();
    await trx
      .updateTable('app_meta')
      .set({ value: JSON.stringify({ status: 'complete', scale: opts.scale, seed }) })
      .where('key', '=', META_KEY)
      .execute();
  });
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function seedAgencies(office: OfficeSpec): SeededAgency[] {
  return office.agencies.map((spec) => ({ id: newId(), spec }));
}

/** Removes what an interrupted demo load left (the server was stopped mid-way), so it can start over. */
async function clearInterruptedSeed(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ids = (await trx.selectFrom('office').select('id').where('code', 'in', ['CQ', 'GZ']).execute()).map((o) => o.id);
    await trx.deleteFrom('app_user').where('username', 'in', demoAccounts.map((a) => a.username)).execute();
    if (ids.length > 0) {
      for (const table of ['audit_log', 'member_unit', 'member', 'unit', 'agency'] as const) {
        await trx.deleteFrom(table).where('office_id', 'in', ids).execute();
      }
      await trx.deleteFrom('office').where('id', 'in', ids).execute();
    }
    await trx.deleteFrom('app_meta').where('key', '=', META_KEY).execute();
  });
}
