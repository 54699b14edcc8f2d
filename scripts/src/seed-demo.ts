import {
  claimQueueCountRepository,
  bulkInsert,
  createBulkWriter,
  type Clock,
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
import { finishPeople, loadPeople, type OfficeActors } from './demo/people-loader.ts';
import { seedDemoGifts } from './demo/gift-seed.ts';
import { seedDemoRelief } from './demo/relief-seed.ts';
import { seedDemoChannels } from './demo/channel-seed.ts';
import { seedDemoOutreach } from './demo/outreach-seed.ts';
import { clearInterruptedSeed, isDatabaseEmpty, readSeedState, writeSeedState } from './seed-state.ts';
import { type DemoMember, seedDemoMember } from './demo/demo-member.ts';

export type SeedScale = 'tiny' | 'demo' | 'chongqing';

export interface SeedProgress {
  phase: 'organisations' | 'units' | 'members' | 'indexes' | 'summaries' | 'accounts';
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
  /** Effective enrolment batches, policies (with history), claims and payout items. */
  batches: number;
  policies: number;
  claims: number;
  /** The member-app demo member (signs in with this mobile; null when the data has no covered member). */
  demoMember: DemoMember | null;
  payoutItems: number;
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
const DEFERRED_TABLES = [
  'member',
  'member_unit',
  'enrolment_batch',
  'enrolment_item',
  'policy',
  'claim',
  'claim_assessment',
  'claim_invoice',
  'payout_item',
] as const;

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
  const deferred = totalMembers >= DEFER_INDEXES_FROM ? await dropSecondaryIndexes(handle, DEFERRED_TABLES) : [];
  if (deferred.length > 0) await writeSeedState(db, { ...state, deferredIndexes: deferred });
  // Account ids are fixed up front: the history (batches, claims, payouts) names who acted.
  const accountIds = demoAccounts.map(() => newId());
  const idOf = (username: string) => accountIds[demoAccounts.findIndex((a) => a.username === username)]!;
  const actors = (plan: OfficePlan): OfficeActors =>
    plan.key === 'CQ'
      ? { adminId: idOf('admin'), reviewerId: idOf('reviewer'), financeId: idOf('finance') }
      : { adminId: idOf('gzadmin'), reviewerId: idOf('gzadmin'), financeId: idOf('gzadmin') };
  const people = await loadPeople(
    handle,
    plans,
    { seed, today: env.today, cipher, newId, actors },
    CHUNK_ROWS,
    (done) => progress({ phase: 'members', done, total: totalMembers }),
  );
  if (deferred.length > 0) {
    progress({ phase: 'indexes', done: 0, total: deferred.length });
    await rebuildIndexes(handle, deferred);
    progress({ phase: 'indexes', done: deferred.length, total: deferred.length });
  }
  // Relief (救助慰问) in proportion to the claims just paid, hardship files and a holiday batch; before the summaries.
  // QR channels and the gig workers' own enrolments through them (before the summaries: policies change agency).
  for (const p of plans) await seedDemoChannels(handle, env, p.officeId, seed);
  for (const p of plans) await seedDemoRelief(handle, env, p.officeId, actors(p));
  // Sponsor gift campaigns (新业态赠险) over the GIG_GIFT policies just issued: last year's and one in progress.
  for (const p of plans) await seedDemoGifts(handle, env, p.officeId, actors(p).adminId);
  // Trainings and outreach events (培训、宣讲咨询): the seed's 35 sessions and ~5,000 person-times a year.
  for (const p of plans)
    await seedDemoOutreach(handle, env, p.officeId, { seed, full: p.key === 'CQ', actorId: actors(p).adminId });
  progress({ phase: 'summaries', done: 0, total: 1 });
  await finishPeople(
    handle,
    plans.map((p) => p.officeId),
  );
  // The claims queue's counts were appended claim by claim while loading: one row per key from here.
  await claimQueueCountRepository.compact(handle);
  progress({ phase: 'summaries', done: 1, total: 1 });

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
    (() => {
      let i = 0;
      return () => accountIds[i++]!;
    })(),
  );
  await bulkInsert(handle, 'app_user', users);
  const demoMember = await seedDemoMember(
    db,
    clock,
    plans.map((p) => p.officeId),
    byKey.CQ.officeId,
    env.today,
    env.now,
    idOf('admin'),
  );
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
          after_json: JSON.stringify({
            scale: opts.scale,
            seed,
            units: p.units.length,
            members: sizes[p.key].members,
            // Enrolment history, claims and payouts are demo history: this row stands for their audit trail.
            loadPolicies: people.policies,
            loadClaims: people.claims,
          }),
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
    members: people.members,
    memberUnits: people.memberUnits,
    batches: people.batches,
    policies: people.policies,
    claims: people.claims,
    payoutItems: people.payoutItems,
    users: users.length,
    demoMember,
    accounts: users.map((u) => ({ username: u.username, role: u.role, displayName: u.display_name })),
    seconds: (performance.now() - started) / 1000,
  };
}
