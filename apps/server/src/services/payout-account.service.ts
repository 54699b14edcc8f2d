import { maskBankAccount } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { memberRepository } from '../repositories/member.repository.ts';

/** A member's bank account for payouts: stored encrypted, shown masked, every change on record. */
export function createPayoutAccountService({ db, clock, audit, cipher }: ServiceDeps) {
  return {
    async set(actor: Actor, memberId: string, body: { bankName: string; accountNumber: string }) {
      requirePermission(actor, 'member.write');
      const scope = scopeOf(actor);
      const last4 = body.accountNumber.slice(-4);
      await db.transaction().execute(async (trx) => {
        const member = await memberRepository.findInScope(trx, scope, memberId);
        if (!member) throw new AppError('NOT_FOUND');
        await trx
          .updateTable('member')
          .set({
            bank_name: body.bankName,
            bank_account_enc: cipher.encrypt(body.accountNumber),
            bank_account_last4: last4,
            updated_at: clock.iso(),
          })
          .where('office_id', '=', scope.officeId)
          .where('id', '=', memberId)
          .execute();
        await audit.record(trx, actor, {
          action: 'member.bank_account',
          objectType: 'member',
          objectId: memberId,
          before: member.bank_account_last4
            ? { bankName: member.bank_name, account: maskBankAccount(`0000${member.bank_account_last4}`) }
            : null,
          after: { bankName: body.bankName, account: maskBankAccount(body.accountNumber) },
        });
      });
      return { memberId, bankName: body.bankName, bankAccountMasked: maskBankAccount(body.accountNumber) };
    },
  };
}
