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
  // Two lookups, each on its own index (member by blind index, then policies by member), rather than one join: with
  // no table statistics SQLite may drive the join from the policy table and read every policy of the office.
  const holders = await db
    .selectFrom('member')
    .select(['id', 'id_number_hash'])
    .where('office_id', '=', officeId)
    .where('id_number_hash', 'in', hashes)
    .execute();
  const hashOf = new Map(holders.map((m) => [m.id, m.id_number_hash]));
  const policies =
    holders.length === 0
      ? []
      : (
          await db
            .selectFrom('policy')
            .select(['member_id', 'product_code', 'exclusive_group', 'start_date', 'end_date', 'state'])
            .where('office_id', '=', officeId)
            .where('member_id', 'in', [...hashOf.keys()])
            .where('state', '!=', 'cancelled')
            .execute()
        ).map((p) => ({ ...p, id_number_hash: hashOf.get(p.member_id)! }));
  for (const p of policies) {
    add(p.id_number_hash, {
      productCode: p.product_code,
      exclusiveGroup: p.exclusive_group,
      startDate: p.start_date,
      endDate: p.end_date,
    });
  }
  // Enrolments already submitted or approved but not yet effective compete too: no one is enrolled twice.
  // Again two indexed lookups: the person's items (from the unique (office, person, batch) index alone), then
  // their batches that are still pending.
  const items = await db
    .selectFrom('enrolment_item')
    .select(['batch_id', 'id_number_hash'])
    .where('office_id', '=', officeId)
    .where('id_number_hash', 'in', hashes)
    .execute();
  const batchIds = [...new Set(items.map((i) => i.batch_id))];
  const batches =
    batchIds.length === 0
      ? []
      : await db
          .selectFrom('enrolment_batch')
          .innerJoin('product_version', 'product_version.id', 'enrolment_batch.product_version_id')
          .select([
            'enrolment_batch.id',
            'enrolment_batch.product_code',
            'product_version.exclusive_group',
            'product_version.params_json',
            'enrolment_batch.requested_start',
          ])
          .where('enrolment_batch.office_id', '=', officeId)
          .where('enrolment_batch.id', 'in', batchIds)
          .where('enrolment_batch.status', 'in', ['submitted', 'approved'])
          .execute();
  const batchById = new Map(batches.map((b) => [b.id, b]));
  const pending = items.flatMap((i) => {
    const b = batchById.get(i.batch_id);
    return b ? [{ ...b, id_number_hash: i.id_number_hash }] : [];
  });
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

/** A page of a member's policies with their product's name, newest start first (then id: a stable order). */
export async function memberPolicyPage(
  db: Db,
  officeId: string,
  memberId: string,
  page: { page: number; pageSize: number },
) {
  const base = db
    .selectFrom('policy')
    .where('policy.office_id', '=', officeId)
    .where('policy.member_id', '=', memberId);
  const [items, count] = await Promise.all([
    base
      .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
      .selectAll('policy')
      .select('product_version.name as product_name')
      .orderBy('policy.start_date', 'desc')
      .orderBy('policy.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
