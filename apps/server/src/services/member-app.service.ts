import {
  diffDays,
  EXPIRING_DAYS,
  maskBankAccount,
  type MemberClaimBody,
  type MyPolicy,
  policyStatus,
  type ProductParams,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { memberAccountRepository as repo } from '../repositories/member-account.repository.ts';
import { createAudit } from './audit.service.ts';
import { saveBankAccount } from './bank-account.ts';
import { createClaimFilingService } from './claim-filing.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'audit' | 'cipher'>;
type ClaimFiling = Pick<ReturnType<typeof createClaimFilingService>, 'file'>;

/** The signed-in member's own bound member id, or 422 REAL_NAME_REQUIRED before real-name verification. */
export function ownMember(actor: Actor): { officeId: string; memberId: string } {
  if (actor.kind !== 'member' || !actor.officeId) throw new AppError('UNAUTHENTICATED');
  if (!actor.memberId) throw new AppError('REAL_NAME_REQUIRED');
  return { officeId: actor.officeId, memberId: actor.memberId };
}

/** Product versions kept in memory (a published version never changes); past this many the map starts afresh. */
export const PRODUCT_VERSION_CACHE_MAX = 1000;
type VersionFacts = Pick<MyPolicy, 'productName' | 'claimKinds' | 'diseases'>;

/** 我的保障 and 我的: the member's policies, profile and payout account (their own rows only). */
export function createMemberAppService({ db, clock, audit, cipher }: Deps, claimFiling: ClaimFiling) {
  // 我的保障 is the member app's busiest read: the product's name, claim kinds and diseases are read and parsed once
  // per product version, not per policy per request.
  const versions = new Map<string, VersionFacts>();
  async function versionFacts(ids: string[]): Promise<Map<string, VersionFacts>> {
    const missing = [...new Set(ids)].filter((id) => !versions.has(id));
    if (missing.length > 0) {
      if (versions.size + missing.length > PRODUCT_VERSION_CACHE_MAX) versions.clear();
      for (const v of await repo.productVersions(db, missing)) {
        const params = JSON.parse(v.params_json) as ProductParams;
        versions.set(v.id, {
          productName: v.name,
          claimKinds: [...new Set(params.benefits.flatMap((b) => b.claimKinds))],
          diseases: params.diseases.map((d) => ({ code: d.code, name: d.name })),
        });
      }
    }
    return versions;
  }

  return {
    async policies(actor: Actor): Promise<MyPolicy[]> {
      if (actor.kind === 'member' && !actor.memberId) return [];
      const { officeId, memberId } = ownMember(actor);
      const today = clock.today();
      const rows = await repo.policiesOf(db, officeId, memberId);
      const facts = await versionFacts(rows.map((p) => p.product_version_id));
      return rows.map((p) => {
        const status = policyStatus(
          { state: p.state, startDate: p.start_date, endDate: p.end_date, waitingEndDate: p.waiting_end_date },
          today,
        );
        // A later term of the same product (a renewal already made) means this one is not "expiring".
        const renewed = rows.some((o) => o.product_code === p.product_code && o.start_date > p.end_date);
        const daysLeft = diffDays(today, p.end_date);
        const version = facts.get(p.product_version_id);
        if (!version) throw new Error(`product version ${p.product_version_id} not found`);
        return {
          id: p.id,
          productCode: p.product_code,
          productName: version.productName,
          shares: p.shares,
          startDate: p.start_date,
          endDate: p.end_date,
          waitingEndDate: p.waiting_end_date,
          status,
          channel: p.batch_id ? ('unit' as const) : ('self' as const),
          unitName: p.unit_name,
          certificateCode: p.certificate_code,
          expiringSoon: !renewed && (status === 'active' || status === 'waiting') && daysLeft <= EXPIRING_DAYS,
          daysLeft,
          claimKinds: version.claimKinds,
          diseases: version.diseases,
        };
      });
    },

    async profile(actor: Actor) {
      if (actor.kind !== 'member') throw new AppError('UNAUTHENTICATED');
      if (!actor.memberId || !actor.officeId) return { bankName: null, bankAccountMasked: null, holderName: null };
      const m = await repo.memberRow(db, actor.officeId, actor.memberId);
      if (!m) throw new AppError('NOT_FOUND');
      return {
        bankName: m.bank_name,
        bankAccountMasked: m.bank_account_last4 ? maskBankAccount(`0000${m.bank_account_last4}`) : null,
        holderName: m.name,
      };
    },

    /** The payout account: the holder is always the member's verified name; stored encrypted, answered masked. */
    async setBankAccount(actor: Actor, body: { bankName: string; accountNumber: string }) {
      const { officeId, memberId } = ownMember(actor);
      return db.transaction().execute(async (trx) => {
        const m = await repo.memberRow(trx, officeId, memberId);
        if (!m) throw new AppError('NOT_FOUND');
        await saveBankAccount(trx, { cipher, clock, audit }, actor, officeId, m, body, 'member_app');
        return {
          memberId,
          holderName: m.name,
          bankName: body.bankName,
          bankAccountMasked: maskBankAccount(body.accountNumber),
        };
      });
    },

    /** A claim for oneself: the same filing service (engine, queue, SLA, payouts) with the member as the claimant. */
    fileClaim(actor: Actor, body: MemberClaimBody) {
      const { memberId } = ownMember(actor);
      return claimFiling.file(actor, { ...body, memberId });
    },
  };
}

/**
 * Files a claim as the office would (demo data: the member-app demo member's open claim), through the one filing
 * service — the engine, flags and audit rows are the real ones. The filing service reads only db, clock and audit.
 */
export async function fileClaimForMember(
  deps: { db: ServiceDeps['db']; clock: ServiceDeps['clock'] },
  actor: { id: string; name: string; officeId: string },
  body: MemberClaimBody & { memberId: string },
) {
  const filing = createClaimFilingService({ ...deps, audit: createAudit(deps.clock) } as unknown as ServiceDeps);
  return filing.file(
    {
      kind: 'user',
      id: actor.id,
      username: 'demo',
      displayName: actor.name,
      role: 'office_admin',
      officeId: actor.officeId,
      agencyId: null,
      unitId: null,
      memberId: null,
      ip: null,
    },
    body,
  );
}
