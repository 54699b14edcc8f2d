import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { memberRepository } from '../repositories/member.repository.ts';
import { saveBankAccount } from './bank-account.ts';

/** A member's bank account for payouts, set by staff: the member app's writer (encrypted, masked, audited). */
export function createPayoutAccountService(deps: ServiceDeps) {
  const { db } = deps;
  return {
    async set(actor: Actor, memberId: string, body: { bankName: string; accountNumber: string }) {
      requirePermission(actor, 'member.bank_account');
      const scope = scopeOf(actor);
      return db.transaction().execute(async (trx) => {
        const member = await memberRepository.findInScope(trx, scope, memberId);
        if (!member) throw new AppError('NOT_FOUND');
        return saveBankAccount(trx, deps, actor, scope.officeId, member, body);
      });
    },
  };
}
