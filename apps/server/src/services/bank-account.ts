import { maskBankAccount } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db } from '../db/tables.ts';
import { memberAccountRepository } from '../repositories/member-account.repository.ts';

/** The member as the account writer needs it: who they are and the account on file now. */
export interface BankAccountHolder {
  id: string;
  name: string;
  bank_name: string | null;
  bank_account_last4: string | null;
}

/**
 * Registers (or changes) a member's payout account inside the caller's transaction: the number stored encrypted, its
 * last four for masking, and an audit row with the masked account before and after. Staff (console) and the member
 * (member app) both write through here, so the two can never differ in how an account is kept.
 */
export async function saveBankAccount(
  trx: Db,
  { cipher, clock, audit }: Pick<ServiceDeps, 'cipher' | 'clock' | 'audit'>,
  actor: Actor,
  officeId: string,
  member: BankAccountHolder,
  body: { bankName: string; accountNumber: string },
  via?: 'member_app' | 'console',
) {
  await memberAccountRepository.setBankAccount(trx, officeId, member.id, {
    bank_name: body.bankName,
    bank_account_enc: cipher.encrypt(body.accountNumber),
    bank_account_last4: body.accountNumber.slice(-4),
    updated_at: clock.iso(),
  });
  await audit.record(trx, actor, {
    action: 'member.bank_account',
    objectType: 'member',
    objectId: member.id,
    before: member.bank_account_last4
      ? { bankName: member.bank_name, account: maskBankAccount(`0000${member.bank_account_last4}`) }
      : null,
    after: { bankName: body.bankName, account: maskBankAccount(body.accountNumber), ...(via ? { via } : {}) },
  });
  return { memberId: member.id, bankName: body.bankName, bankAccountMasked: maskBankAccount(body.accountNumber) };
}
