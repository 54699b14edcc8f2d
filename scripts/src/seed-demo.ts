import {
  bulkInsert,
  type Clock,
  createBulkWriter,
  type DbHandle,
  dropSecondaryIndexes,
  hashPassword,
  newId,
  type PiiCipher,
  rebuildIndexes,
  seedCatalogue,
  systemClock,
} from '@huzhu/server';
import { accountRows, demoAccounts } from './demo/demo-accounts.ts';
import { ANCHOR_AGENCY, type OfficeKey, type OfficePlan, type OfficeSize, planOffice } from './demo/office-plan.ts';
import { clearInterruptedSeed, isDatabaseEmpty, readSeedState, writeSeedState } from './seed-state.ts';

export type SeedScale = 'tiny' | 'demo' | 'chongqing';

export interface SeedProgress {
  phase: 'organisations' | 'units' | 'members' | 'indexes' | 'accounts';
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

/** Units and members per office. chongqing is the real office's size (21,500 units, 2.92 million members). */
export const seedScales: Record<SeedScale, Record<OfficeKey, OfficeSize>> = {
  tiny: { CQ: { units: 60, members: 1_500 }, GZ: { units: 20, members: 500 } },
  demo: { CQ: { units: 2_000, members: 100_000 }, GZ: { units: 20, members: 500 } },
  chongqing: { CQ: { units: 21_500, members: 2_920_000 }, GZ: { units: 20, members: 500 } },
};

export const DEFAULT_SEED = 20_250_101;
const OFFICES: OfficeKey[] = ['CQ', 'GZ'];
const CHUNK_ROWS = 5_000;
// Below this many members, dropping and rebuilding indexes costs more than it saves.
const DEFER_INDEXES_FROM = 50_000;

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
  const sizes = seedScales[opts.scale];
  const progress = opts.onProgress ?? (() => undefined);
  const db = handle.db;

  if (!(await isDatabaseEmpty(db))) throw new Error('数据库不是空的：演示数据只载入空数据库');
  const interrupted = await readSeedState(db);
  if (interrupted) await clearInterruptedSeed(handle, interrupted, OFFICES);
  const state = { status: 'loading' as const, scale: opts.scale, seed };
  await writeSeedState(db, state);

  const passwordHash = hashPassword(opts.password);
  const env = { cipher, now: clock.iso(), today: clock.today(), newId };
  const plans = OFFICES.map((k) => planOffice(k, sizes[k], seed, env));

  progress({ phase: 'organisations', done: 0, total: plans.length });
  await bulkInsert(
    handle,
    'office',
    plans.map((p) => p.office),
  );
  await bulkInsert(
    handle,
    'agency',
    plans.flatMap((p) => p.agencyRows),
  );
  // Every office starts with the demo product catalogue, as an office created in the console does.
  for (const p of plans) await seedCatalogue(db, p.officeId, env.now);
  progress({ phase: 'organisations', done: plans.length, total: plans.length });

  const totalUnits = plans.reduce((s, p) => s + p.units.length, 0);
  const units = createBulkWriter(handle, 'unit', { chunkRows: CHUNK_ROWS });
  for (const u of plans.flatMap((p) => p.units)) {
    await units.push(u.row);
    if (units.written > 0 && units.written % CHUNK_ROWS === 0) {
      progress({ phase: 'units', done: units.written, total: totalUnits });
    }
  }
  await units.close();
  progress({ phase: 'units', done: units.written, total: totalUnits });

  const totalMembers = OFFICES.reduce((s, k) => s + sizes[k].members, 0);
  const deferred =
    totalMembers >= DEFER_INDEXES_FROM ? await dropSecondaryIndexes(handle, ['member', 'member_unit']) : [];
  if (deferred.length > 0) await writeSeedState(db, { ...state, deferredIndexes: deferred });
  const { members, links } = await loadMembers(handle, plans, (done) =>
    progress({ phase: 'members', done, total: totalMembers }),
  );
  if (deferred.length > 0) {
    progress({ phase: 'indexes', done: 0, total: deferred.length });
    await rebuildIndexes(handle, deferred);
    progress({ phase: 'indexes', done: deferred.length, total: deferred.length });
  }

  progress({ phase: 'accounts', done: 0, total: demoAccounts.length });
  const anchor = plans[0]!.units.find((u) => u.agency.spec.code === ANCHOR_AGENCY && u.members > 0);
  if (!anchor) throw new Error('演示数据缺少江北区有会员的单位');
  const byKey = Object.fromEntries(plans.map((p) => [p.key, p])) as Record<OfficeKey, OfficePlan>;
  const users = accountRows(
    {
      officeIds: { CQ: byKey.CQ.officeId, GZ: byKey.GZ.officeId },
      anchorUnitId: anchor.row.id,
      agencyIdByCode: (office, code) => byKey[office].agencies.find((a) => a.spec.code === code)!.id,
    },
    await passwordHash,
    env.now,
    newId,
  );
  await bulkInsert(handle, 'app_user', users);
  progress({ phase: 'accounts', done: users.length, total: users.length });

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('audit_log')
      .values(
        plans.map((p) => ({
          id: newId(),
          office_id: p.officeId,
          actor_id: null,
          actor_name: '演示数据生成器',
          action: 'demo.seed',
          object_type: 'office',
          object_id: p.officeId,
          before_json: null,
          after_json: JSON.stringify({ scale: opts.scale, seed, units: p.units.length, members: sizes[p.key].members }),
          ip: null,
          created_at: env.now,
        })),
      )
      .execute();
    await writeSeedState(trx, { ...state, status: 'complete' });
  });

  return {
    scale: opts.scale,
    seed,
    offices: plans.length,
    agencies: plans.reduce((s, p) => s + p.agencyRows.length, 0),
    units: units.written,
    members,
    memberUnits: links,
    users: users.length,
    accounts: users.map((u) => ({ username: u.username, role: u.role, displayName: u.display_name })),
    seconds: (performance.now() - started) / 1000,
  };
}

async function loadMembers(handle: DbHandle, plans: OfficePlan[], progress: (done: number) => void) {
  const members = createBulkWriter(handle, 'member', { chunkRows: CHUNK_ROWS });
  const links = createBulkWriter(handle, 'member_unit', { chunkRows: CHUNK_ROWS, after: members });
  let done = 0;
  for (const plan of plans) {
    for (const item of plan.members()) {
      await members.push(item.member);
      for (const link of item.links) await links.push(link);
      done += 1;
      if (done % CHUNK_ROWS === 0) progress(done);
    }
  }
  await links.close();
  progress(done);
  return { members: members.written, links: links.written };
}
