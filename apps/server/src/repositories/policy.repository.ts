import { type HeldPolicy, termEnd } from '@huzhu/core';
import type { Db } from '../db/tables.ts';

/** Policies (and pending enrolments) that compete with a new enrolment, for the people with these ID hashes. */
export async function heldPoliciesByHash(
  db: Db,
  officeId: string,
  hashes: string[],
): Promise<Map<string, HeldPolicy[]>> {
  const out = new Map<string, HeldPolicy[]>();
  if (hashes.length === 0) return out;
  const add = (hash: string, p: HeldPolicy) => {
    const list = out.get(hash);
    if (list) list.push(p);
    else out.set(hash, [p]);
  };
  const policies = await db
    .selectFrom('policy')
    .innerJoin('member', 'member.id', 'policy.member_id')
    .select([
      'member.id_number_hash',
      'policy.product_code',
      'policy.exclusive_group',
      'policy.start_date',
      'policy.end_date',
      'policy.state',
    ])
    .where('policy.office_id', '=', officeId)
    .where('member.office_id', '=', officeId)
    .where('member.id_number_hash', 'in', hashes)
    .where('policy.state', '!=', 'cancelled')
    .execute();
  for (const p of policies) {
    add(p.id_number_hash, {
      productCode: p.product_code,
      exclusiveGroup: p.exclusive_group,
      startDate: p.start_date,
      endDate: p.end_date,
    });
  }
  // Enrolments already submitted or approved but not yet effective compete too: no one is enrolled twice.
  const pending = await db
    .selectFrom('enrolment_item')
    .innerJoin('enrolment_batch', 'enrolment_batch.id', 'enrolment_item.batch_id')
    .innerJoin('product_version', 'product_version.id', 'enrolment_batch.product_version_id')
    .select([
      'enrolment_item.id_number_hash',
      'enrolment_batch.product_code',
      'product_version.exclusive_group',
      'product_version.params_json',
      'enrolment_batch.requested_start',
    ])
    .where('enrolment_item.office_id', '=', officeId)
    .where('enrolment_item.id_number_hash', 'in', hashes)
    .where('enrolment_batch.status', 'in', ['submitted', 'approved'])
    .execute();
  for (const p of pending) {
    const { term } = JSON.parse(p.params_json) as { term: { unit: 'months' | 'days'; length: number } };
    add(p.id_number_hash, {
      productCode: p.product_code,
      exclusiveGroup: p.exclusive_group,
      startDate: p.requested_start,
      endDate: termEnd(term, p.requested_start),
    });
  }
  return out;
}
