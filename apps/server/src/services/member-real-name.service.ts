import { maskIdNumber, maskName, parseIdNumber, personName, type FaceResult } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { IdentityVerifier } from '../adapters/identity-types.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { memberAccountRepository as repo } from '../repositories/member-account.repository.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit' | 'cipher'>;

/** A face step left this long is closed (the provider's token lives 2 hours). */
const VERIFICATION_HOURS = 2;

/**
 * Real-name verification (实名认证): name + ID number (checked in core), then the face step through the identity
 * adapter. A verified account is bound to the member with that ID number (blind index) or a new member record;
 * one member binds to one account: binding it elsewhere unbinds the old account and ends its sessions. Audited.
 */
export function createMemberRealNameService({ db, clock, audit, cipher }: Deps, verifier: IdentityVerifier) {
  function requireAccount(actor: Actor) {
    if (actor.kind !== 'member' || !actor.officeId) throw new AppError('UNAUTHENTICATED');
    return { accountId: actor.id, officeId: actor.officeId };
  }

  return {
    async start(actor: Actor, body: { name: string; idNumber: string }, returnUrlBase: string) {
      const { accountId, officeId } = requireAccount(actor);
      const name = personName.safeParse(body.name);
      if (!name.success) throw new AppError('NAME_INVALID', { field: 'name' });
      const parsed = parseIdNumber(body.idNumber, clock.today());
      if (!parsed.ok) throw new AppError(parsed.error.code, { field: 'idNumber', ...(parsed.error.details as object) });
      const idNumber = parsed.value.idNumber;
      const id = newId();
      const started = await verifier.start({
        verificationId: id,
        name: name.data,
        idNumber,
        returnUrl: `${returnUrlBase}/m/#/real-name/${id}/result`,
      });
      await repo.insertVerification(db, {
        id,
        office_id: officeId,
        account_id: accountId,
        name: name.data,
        id_number_enc: cipher.encrypt(idNumber),
        id_number_hash: cipher.blindIndex(idNumber),
        provider: verifier.provider,
        provider_ref: started.providerRef,
        status: 'face_required',
        failure_reason: null,
        member_id: null,
        created_at: clock.iso(),
        completed_at: null,
      });
      return {
        verificationId: id,
        status: 'face_required' as const,
        faceUrl: started.faceUrl,
        provider: verifier.provider,
      };
    },

    /** The face step's result; on success the account is bound (the caller's other verifications stay as they are). */
    async finish(actor: Actor, verificationId: string, photoHead: Buffer | null): Promise<FaceResult> {
      const { accountId, officeId } = requireAccount(actor);
      const v = await repo.verification(db, accountId, verificationId);
      if (!v) throw new AppError('NOT_FOUND');
      const expired = new Date(v.created_at).getTime() + VERIFICATION_HOURS * 3_600_000 < clock.now().getTime();
      if (v.status !== 'face_required' || expired) throw new AppError('VERIFICATION_CLOSED', { status: v.status });
      const idNumber = cipher.decrypt(v.id_number_enc);
      const outcome = await verifier.finish({ providerRef: v.provider_ref, name: v.name, idNumber, photoHead });
      const now = clock.iso();
      if (!outcome.passed) {
        if (
          !(await repo.closeVerification(db, v.id, {
            status: 'failed',
            failure_reason: outcome.reason ?? null,
            completed_at: now,
          }))
        )
          throw new AppError('VERIFICATION_CLOSED');
        await audit.record(db, actor, {
          action: 'member_account.verify_failed',
          objectType: 'member_account',
          objectId: accountId,
          after: { verificationId: v.id, provider: v.provider, reason: outcome.reason ?? null },
        });
        return { status: 'failed', reason: outcome.reason ?? '人脸核身未通过' };
      }

      const parsed = parseIdNumber(idNumber, clock.today());
      if (!parsed.ok) throw new AppError(parsed.error.code);
      return db.transaction().execute(async (trx) => {
        if (!(await repo.closeVerification(trx, v.id, { status: 'verified', completed_at: now })))
          throw new AppError('VERIFICATION_CLOSED');
        const account = await repo.accountById(trx, accountId);
        if (!account) throw new AppError('UNAUTHENTICATED');
        const existing = await repo.memberByHash(trx, officeId, v.id_number_hash);
        if (existing && existing.name !== v.name) {
          // The ID number is known under another name: the person is not who the form says.
          await trx
            .updateTable('identity_verification')
            .set({ status: 'failed', failure_reason: 'NAME_MISMATCH' })
            .where('id', '=', v.id)
            .execute();
          return { status: 'failed' as const, reason: '姓名与该身份证号登记的会员信息不一致，请核对后重试' };
        }
        let memberId: string;
        if (existing) {
          memberId = existing.id;
          if (!existing.mobile)
            await trx
              .updateTable('member')
              .set({ mobile: account.mobile, updated_at: now })
              .where('id', '=', memberId)
              .execute();
        } else {
          memberId = newId();
          await trx
            .insertInto('member')
            .values({
              id: memberId,
              office_id: officeId,
              name: v.name,
              id_number_enc: v.id_number_enc,
              id_number_hash: v.id_number_hash,
              id_number_masked: maskIdNumber(idNumber),
              sex: parsed.value.sex,
              birth_date: parsed.value.birthDate,
              mobile: account.mobile,
              employment_kind: 'gig',
              gig_kind: null,
              household: null,
              has_medical_insurance: 0,
              bank_name: null,
              bank_account_enc: null,
              bank_account_last4: null,
              unit_id: null,
              created_at: now,
              updated_at: now,
            })
            .execute();
          await audit.record(trx, actor, {
            action: 'member.create',
            objectType: 'member',
            objectId: memberId,
            after: { name: maskName(v.name), idNumber: maskIdNumber(idNumber), via: 'member_app' },
          });
        }
        // One member ↔ one account: an account bound to this member before loses it, and its sessions end.
        const previous = await repo.accountByMember(trx, officeId, memberId);
        if (previous && previous.id !== accountId) {
          await repo.updateAccount(trx, previous.id, { member_id: null, verified_at: null, updated_at: now });
          await repo.deleteSessionsOf(trx, previous.id);
          await audit.record(trx, actor, {
            action: 'member_account.unbind',
            objectType: 'member_account',
            objectId: previous.id,
            before: { memberId },
            after: { memberId: null, reboundTo: accountId, sessionsEnded: true },
          });
        }
        await repo.updateAccount(trx, accountId, { member_id: memberId, verified_at: now, updated_at: now });
        await trx.updateTable('identity_verification').set({ member_id: memberId }).where('id', '=', v.id).execute();
        await audit.record(trx, actor, {
          action: 'member_account.bind',
          objectType: 'member_account',
          objectId: accountId,
          before: { memberId: account.member_id },
          after: { memberId, verificationId: v.id, provider: v.provider, existingMember: !!existing },
        });
        return { status: 'verified' as const, memberId, existingMember: !!existing };
      });
    },
  };
}
