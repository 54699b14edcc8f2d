import { type Database, type DbHandle, type DeferredIndex, rebuildIndexes } from '@huzhu/server';
import type { Kysely } from 'kysely';
import { demoAccounts } from './demo/demo-accounts.ts';

/**
 * The demo load's progress marker in app_meta. A load interrupted half-way (the first `npm start` stopped with
 * Ctrl-C) must not leave a database that looks seeded but has no accounts: it counts as empty, and the next
 * load first removes what the interrupted one wrote and rebuilds the indexes it had set aside.
 */
const META_KEY = 'demo_seed';

export interface SeedState {
  status: 'loading' | 'complete';
  scale: string;
  seed: number;
  /** Secondary indexes dropped for the load; rebuilt at its end, or by the next load if this one died. */
  deferredIndexes?: DeferredIndex[];
}

export async function readSeedState(db: Kysely<Database>): Promise<SeedState | undefined> {
  const meta = await db.selectFrom('app_meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  return meta ? (JSON.parse(meta.value) as SeedState) : undefined;
}

export async function writeSeedState(db: Kysely<Database>, state: SeedState): Promise<void> {
  const value = JSON.stringify(state);
  const updated = await db.updateTable('app_meta').set({ value }).where('key', '=', META_KEY).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('app_meta').values({ key: META_KEY, value }).execute();
}

/** True when nothing has been loaded yet, or only an interrupted demo load (which seedDemo clears first). */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const office = await db.selectFrom('office').select('id').limit(1).executeTakeFirst();
  if (!office) return true;
  return (await readSeedState(db))?.status === 'loading';
}

export async function clearInterruptedSeed(handle: DbHandle, state: SeedState, officeCodes: string[]): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    const ids = (await trx.selectFrom('office').select('id').where('code', 'in', officeCodes).execute()).map(
      (o) => o.id,
    );
    await trx
      .deleteFrom('app_user')
      .where(
        'username',
        'in',
        demoAccounts.map((a) => a.username),
      )
      .execute();
    if (ids.length > 0) {
      for (const table of [
        'audit_log',
        'expansion_contact',
        'expansion_target',
        'complaint',
        'outreach_event',
        'training_session',
        'gig_renewal_reminder',
        'faq',
        'member_session',
        'gig_payment',
        'gig_enrolment',
        'identity_verification',
        'member_login_code',
        'member_account',
        'renewal_reminder',
        'gift_grant',
        'gift_campaign',
        'campaign',
        'claim_paid_daily',
        'cov_unit_term',
        'cov_unit_span',
        'cov_renewal',
        'cov_policy_delta',
        'cov_member_delta',
        'payout_item',
        'payout_batch',
        'relief_paid_daily',
        'relief_claim',
        'relief_material',
        'relief_application',
        'relief_batch',
        'hardship_file',
        'relief_setting',
        'relief_category_version',
        'claim_invoice',
        'claim_assessment',
        'claim',
        'claim_queue_delta',
        'policy',
        'enrolment_item',
        'enrolment_batch',
        'member_unit',
        'member',
        'unit_name_gram',
        'unit',
        'channel',
        'agency',
        'product_version',
        'product',
      ] as const) {
        await trx.deleteFrom(table).where('office_id', 'in', ids).execute();
      }
      await trx.deleteFrom('office').where('id', 'in', ids).execute();
    }
    await trx.deleteFrom('app_meta').where('key', '=', META_KEY).execute();
  });
  if (state.deferredIndexes) await rebuildIndexes(handle, state.deferredIndexes);
}
