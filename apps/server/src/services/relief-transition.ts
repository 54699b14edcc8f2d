import {
  chinaDate,
  DEFAULT_RELIEF_YEAR_CAP_FEN,
  demoReliefCategories,
  type ReliefCategoryParams,
  type ReliefCommand,
  type ReliefStatus,
  reliefLifecycle,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { Db, ReliefApplicationTable } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { reliefRepository as repo } from '../repositories/relief.repository.ts';
import type { Audit } from './audit.service.ts';
import { move } from './lifecycle-move.ts';

/** Moves a relief application by one command of its core lifecycle, with its audit row (see `move`). */
export function moveRelief(
  trx: Db,
  audit: Audit,
  actor: Actor | null,
  relief: { id: string; status: string; office_id: string },
  command: ReliefCommand,
  patch: Partial<ReliefApplicationTable> & { updated_at: string },
  why: Record<string, unknown> = {},
): Promise<ReliefStatus> {
  return move(trx, audit, actor, {
    lifecycle: reliefLifecycle,
    table: 'relief_application',
    row: relief as { id: string; status: ReliefStatus; office_id: string },
    command,
    patch,
    why,
  });
}

/** A domain refusal whose details carry the Chinese message (limits name the remaining allowance). */
export function refuse(result: { ok: false; error: { code: string; details?: unknown } }): never {
  const details = result.error.details as { message?: string } | undefined;
  throw new AppError(result.error.code as never, details, details?.message);
}

export interface StoredCategory extends ReliefCategoryParams {
  id: string;
  version: number;
  publishedAt: string;
}

/** Writes the demo categories as version 1 for an office that has none yet (office creation, first use). */
export async function seedReliefCategories(db: Db, officeId: string, at: string): Promise<void> {
  const existing = await repo.categoryVersions(db, officeId);
  const missing = demoReliefCategories.filter((c) => !existing.some((e) => e.code === c.code));
  if (missing.length === 0) return;
  await db
    .insertInto('relief_category_version')
    .values(
      missing.map((c) => ({
        id: newId(),
        office_id: officeId,
        code: c.code,
        version: 1,
        params_json: JSON.stringify(c),
        published_at: at,
        published_by: 'system',
      })),
    )
    .onConflict((oc) => oc.columns(['office_id', 'code', 'version']).doNothing())
    .execute();
}

/** The office's current category versions (seeded with the demo set on first use) and its yearly cap per member. */
export async function currentCategories(db: Db, officeId: string, at: string) {
  let rows = await repo.categoryVersions(db, officeId);
  if (rows.length < demoReliefCategories.length) {
    await seedReliefCategories(db, officeId, at);
    rows = await repo.categoryVersions(db, officeId);
  }
  const setting = await repo.setting(db, officeId);
  const categories: StoredCategory[] = rows.map((r) => ({
    ...(JSON.parse(r.params_json) as ReliefCategoryParams),
    id: r.id,
    version: r.version,
    publishedAt: r.published_at,
  }));
  return { categories, yearCapFen: setting ? Number(setting.year_cap_fen) : DEFAULT_RELIEF_YEAR_CAP_FEN };
}

/** Adds what these paid reliefs contribute to the relief-paid summary (in the payment's transaction). */
export async function recordReliefPaid(trx: Db, officeId: string, reliefIds: readonly string[]): Promise<void> {
  for (let i = 0; i < reliefIds.length; i += 1_000) {
    const rows = await repo.paidFactsOf(trx, officeId, reliefIds.slice(i, i + 1_000));
    await repo.addPaid(
      trx,
      officeId,
      rows.map((r) => ({
        agencyId: r.agency_id ?? '',
        category: r.category,
        day: chinaDate(new Date(r.paid_at!)),
        count: 1,
        amountFen: Number(r.amount_fen),
      })),
    );
  }
}

/** Rebuilds the relief-paid summary of an office from the applications (demo loads, summary rebuilds). */
export async function rebuildReliefPaid(trx: Db, officeId: string): Promise<void> {
  await trx.deleteFrom('relief_paid_daily').where('office_id', '=', officeId).execute();
  let after = '';
  for (;;) {
    const ids = (await repo.paidIdsAfter(trx, officeId, after, 10_000)).map((r) => r.id);
    if (ids.length === 0) break;
    await recordReliefPaid(trx, officeId, ids);
    after = ids.at(-1)!;
  }
}
