import type { Db, FaqTable } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';

/** An office keeps at most this many FAQ entries: creation past it is refused, so the list never drops any. */
export const FAQ_MAX_ENTRIES = 500;

export const faqRepository = {
  /** The office's entries in their order; only published ones, and only matching `q`, when asked. */
  list: (db: Db, officeId: string, opts: { publishedOnly: boolean; q?: string }) => {
    let q = db.selectFrom('faq').selectAll().where('office_id', '=', officeId);
    if (opts.publishedOnly) q = q.where('published', '=', 1);
    if (opts.q) {
      const text = opts.q;
      q = q.where((eb) => eb.or([containsText(eb.ref('question'), text), containsText(eb.ref('answer'), text)]));
    }
    return q.orderBy('sort_order').orderBy('id').limit(FAQ_MAX_ENTRIES).execute();
  },
  find: (db: Db, officeId: string, id: string) =>
    db.selectFrom('faq').selectAll().where('office_id', '=', officeId).where('id', '=', id).executeTakeFirst(),
  insert: (db: Db, row: FaqTable) => db.insertInto('faq').values(row).execute(),
  update: (db: Db, officeId: string, id: string, patch: Partial<FaqTable>) =>
    db.updateTable('faq').set(patch).where('office_id', '=', officeId).where('id', '=', id).execute(),
  count: async (db: Db, officeId: string) =>
    Number(
      (
        await db
          .selectFrom('faq')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('office_id', '=', officeId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
};
