import { type FaqBody, type FaqEntry, faqSeed } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db, FaqTable } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { FAQ_MAX_ENTRIES, faqRepository as repo } from '../repositories/faq.repository.ts';
import { memberAccountRepository } from '../repositories/member-account.repository.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit' | 'config'>;

const toEntry = (r: FaqTable): FaqEntry => ({
  id: r.id,
  question: r.question,
  answer: r.answer,
  category: r.category as FaqEntry['category'],
  published: r.published === 1,
  sortOrder: r.sort_order,
  updatedAt: r.updated_at,
});

/** Seeds the FAQ of an office that has none (demo data), published, in the seed's order. */
export async function seedFaq(db: Db, officeId: string, iso: string): Promise<number> {
  if ((await repo.count(db, officeId)) > 0) return 0;
  for (const [i, e] of faqSeed.entries())
    await repo.insert(db, {
      id: newId(),
      office_id: officeId,
      ...e,
      sort_order: (i + 1) * 10,
      published: 1,
      created_at: iso,
      updated_at: iso,
    });
  return faqSeed.length;
}

/** 政策问答: managed by the office in the console, read (published entries) by anyone in the member app. */
export function createFaqService({ db, clock, audit, config }: Deps) {
  return {
    async publicList(q: string | undefined) {
      const office = await memberAccountRepository.memberOffice(db, config.memberApp.officeCode);
      if (!office) return [];
      return (await repo.list(db, office.id, { publishedOnly: true, q: q || undefined })).map(toEntry);
    },
    async list(actor: Actor) {
      requirePermission(actor, 'faq.manage');
      return (await repo.list(db, scopeOf(actor).officeId, { publishedOnly: false })).map(toEntry);
    },
    async create(actor: Actor, body: FaqBody) {
      requirePermission(actor, 'faq.manage');
      const { officeId } = scopeOf(actor);
      const now = clock.iso();
      const row: FaqTable = {
        id: newId(),
        office_id: officeId,
        question: body.question,
        answer: body.answer,
        category: body.category,
        sort_order: body.sortOrder,
        published: body.published ? 1 : 0,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        // An explicit ceiling instead of a list that silently stops at it.
        if ((await repo.count(trx, officeId)) >= FAQ_MAX_ENTRIES)
          throw new AppError('FAQ_FULL', { max: FAQ_MAX_ENTRIES });
        await repo.insert(trx, row);
        await audit.record(trx, actor, { action: 'faq.create', objectType: 'faq', objectId: row.id, after: body });
      });
      return toEntry(row);
    },
    async update(actor: Actor, id: string, body: FaqBody) {
      requirePermission(actor, 'faq.manage');
      const { officeId } = scopeOf(actor);
      return db.transaction().execute(async (trx) => {
        const before = await repo.find(trx, officeId, id);
        if (!before) throw new AppError('NOT_FOUND');
        const patch = {
          question: body.question,
          answer: body.answer,
          category: body.category,
          sort_order: body.sortOrder,
          published: body.published ? 1 : 0,
          updated_at: clock.iso(),
        };
        await repo.update(trx, officeId, id, patch);
        await audit.record(trx, actor, {
          action: 'faq.update',
          objectType: 'faq',
          objectId: id,
          before: toEntry(before),
          after: body,
        });
        return toEntry({ ...before, ...patch });
      });
    },
  };
}
