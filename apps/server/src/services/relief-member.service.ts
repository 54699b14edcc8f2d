import { maskBankAccount, type MemberRelief, type MemberReliefPage } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { memberRepository } from '../repositories/member.repository.ts';
import { reliefRepository as repo } from '../repositories/relief.repository.ts';
import { ownMember } from './member-app.service.ts';
import { loadRelief } from './relief.service.ts';

/**
 * The member's own relief in the member app (救助慰问 under 申领): their applications, where each stands, what was
 * paid, and the claims filed with it in one step. Scoped to the signed-in member (another member's relief is 404);
 * no medical facts, no staff notes.
 */
export function createMemberReliefService({ db, cipher }: Pick<ServiceDeps, 'db' | 'cipher'>) {
  async function views(actor: Actor, rows: Parameters<typeof loadRelief>[3]): Promise<MemberRelief[]> {
    const { memberId } = ownMember(actor);
    const scope = scopeOf(actor);
    const [loaded, member] = await Promise.all([
      loadRelief(db, cipher, actor, rows),
      rows.length ? memberRepository.findInScope(db, scope, memberId) : Promise.resolve(undefined),
    ]);
    const bank = member?.bank_account_last4 ? maskBankAccount(`0000${member.bank_account_last4}`) : null;
    return loaded.map((r) => ({
      id: r.id,
      number: r.number,
      category: r.category,
      categoryName: r.categoryName,
      eventDate: r.eventDate,
      amountFen: r.amountFen,
      status: r.status,
      origin: r.origin,
      filedAt: r.filedAt,
      decidedAt: r.decidedAt,
      refusalReason: r.status === 'rejected' ? r.decisionReason : null,
      paidAt: r.paidAt,
      bankAccountMasked: r.paidAt ? bank : null,
      claims: r.claims.map((c) => ({
        id: c.id,
        kind: c.kind,
        status: c.status,
        assessedAmountFen: c.assessedAmountFen,
        approvedAmountFen: c.approvedAmountFen,
      })),
    }));
  }

  return {
    /** Every relief of the member, newest first (proactive proposals the agency has not confirmed are not shown). */
    async list(actor: Actor, q: { page: number; pageSize: number }): Promise<MemberReliefPage> {
      ownMember(actor);
      const scope = scopeOf(actor);
      const { items, total } = await repo.list(db, scope, { memberFacing: true }, q.page, q.pageSize);
      return { items: await views(actor, items), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string): Promise<MemberRelief> {
      ownMember(actor);
      const row = await repo.findInScope(db, scopeOf(actor), id);
      if (!row || row.status === 'proposed' || row.status === 'dismissed') throw new AppError('NOT_FOUND');
      return (await views(actor, [row]))[0]!;
    },
  };
}
export type MemberReliefService = ReturnType<typeof createMemberReliefService>;
