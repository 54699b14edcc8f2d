import { randomInt } from 'node:crypto';
import { maskMobile, maskName, type MemberAccount } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { SmsSender } from '../adapters/sms.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { memberAccountRepository as repo } from '../repositories/member-account.repository.ts';
import { randomToken, safeEqual, sha256 } from '../security/tokens.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock' | 'config' | 'audit'>;

/** A member's session row as the auth hook resolves it. */
export interface MemberSessionView {
  actor: Actor;
  csrfToken: string;
  account: MemberAccount;
}

const codeHash = (codeId: string, mobile: string, code: string) => sha256(`${codeId}:${mobile}:${code}`);

export function memberActor(
  row: { account_id: string; office_id: string; mobile: string; member_id: string | null; member_name: string | null },
  ip: string | null,
): Actor {
  return {
    kind: 'member',
    id: row.account_id,
    username: `m:${maskMobile(row.mobile)}`,
    displayName: row.member_name ? `${maskName(row.member_name)}（会员自助）` : `会员${maskMobile(row.mobile)}`,
    role: 'member',
    officeId: row.office_id,
    agencyId: null,
    unitId: null,
    memberId: row.member_id,
    ip,
  };
}

export function toMemberAccount(row: {
  account_id: string;
  mobile: string;
  member_id: string | null;
  verified_at: string | null;
  member_name: string | null;
  id_number_masked: string | null;
}): MemberAccount {
  return {
    accountId: row.account_id,
    mobile: maskMobile(row.mobile),
    realNameVerified: row.member_id !== null && row.verified_at !== null,
    ...(row.member_id ? { memberId: row.member_id } : {}),
    ...(row.member_name ? { maskedName: maskName(row.member_name) } : {}),
    ...(row.id_number_masked ? { idNumberMasked: row.id_number_masked } : {}),
  };
}

/**
 * Member sign-in by mobile + 6-digit SMS code (api.md): codes live 5 minutes, are used once and die after 5 wrong
 * tries; sending is limited per number (1 per 60 s, 10 per 24 h) and per client address. The answers never tell a
 * known number from an unknown one: every number may sign in (a new one gets an account).
 */
export function createMemberAuthService({ db, clock, config, audit }: Deps, sms: SmsSender) {
  const limits = config.memberApp;

  async function office() {
    const o = await repo.memberOffice(db, limits.officeCode);
    if (!o) throw new AppError('NOT_FOUND', { reason: 'member office' }, '会员服务尚未开通');
    return o;
  }

  return {
    async sendCode(mobile: string, ip: string | null): Promise<void> {
      const { id: officeId } = await office();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // The limits are checked and the new code recorded in one transaction, under a lock on the number and the
      // address: parallel requests see each other's codes, so only as many pass as the limits allow.
      await db.transaction().execute(async (trx) => {
        await repo.lockCodeRequests(trx, officeId, mobile, ip);
        const now = clock.now();
        const iso = now.toISOString();
        const day = await repo.codesSentTo(trx, officeId, mobile, new Date(now.getTime() - 86_400_000).toISOString());
        const latest = day.latest ? String(day.latest) : null;
        if (latest && now.getTime() - new Date(latest).getTime() < limits.codeIntervalSeconds * 1000) {
          const retryAfter = Math.ceil(
            (new Date(latest).getTime() + limits.codeIntervalSeconds * 1000 - now.getTime()) / 1000,
          );
          throw new AppError(
            'RATE_LIMITED',
            { retryAfterSeconds: retryAfter },
            `验证码发送过于频繁，请 ${retryAfter} 秒后再试`,
          );
        }
        if (Number(day.n) >= limits.codesPerDay)
          throw new AppError(
            'RATE_LIMITED',
            { limit: 'per-number-day' },
            '该手机号今日获取验证码次数已达上限，请明天再试',
          );
        if (ip) {
          const fromIp = await repo.codesFromIp(trx, ip, new Date(now.getTime() - 3_600_000).toISOString());
          if (Number(fromIp.n) >= limits.codesPerIpPerHour)
            throw new AppError('RATE_LIMITED', { limit: 'per-ip-hour' }, '当前网络获取验证码过于频繁，请稍后再试');
        }
        const id = newId();
        await repo.insertCode(trx, {
          id,
          office_id: officeId,
          mobile,
          code_hash: codeHash(id, mobile, code),
          attempts: 0,
          created_at: iso,
          expires_at: new Date(now.getTime() + limits.codeTtlMinutes * 60_000).toISOString(),
          used_at: null,
          ip,
        });
      });
      await sms.send({
        officeId,
        to: mobile,
        template: 'login_code',
        params: { code, minutes: String(limits.codeTtlMinutes) },
        objectType: 'member_login',
      });
    },

    async login(mobile: string, code: string, ip: string | null) {
      const { id: officeId } = await office();
      const now = clock.now();
      const iso = now.toISOString();
      const open = await repo.openCode(db, officeId, mobile, iso, limits.codeMaxAttempts);
      if (!open) throw new AppError('CODE_INVALID');
      if (!safeEqual(open.code_hash, codeHash(open.id, mobile, code))) {
        await repo.countWrongTry(db, open.id);
        throw new AppError('CODE_INVALID');
      }
      if (!(await repo.useCode(db, open.id, iso, limits.codeMaxAttempts))) throw new AppError('CODE_INVALID');

      const sessionToken = randomToken();
      const csrfToken = randomToken(24);
      const expiresAt = new Date(now.getTime() + limits.sessionHours * 3_600_000);
      const accountId = await db.transaction().execute(async (trx) => {
        let account = await repo.accountByMobile(trx, officeId, mobile);
        if (!account) {
          const row = {
            id: newId(),
            office_id: officeId,
            mobile,
            member_id: null,
            verified_at: null,
            created_at: iso,
            updated_at: iso,
            last_login_at: null,
            channel_id: null,
          };
          await repo.insertAccount(trx, row);
          account = row;
          await audit.record(trx, null, {
            action: 'member_account.create',
            objectType: 'member_account',
            objectId: row.id,
            officeId,
            after: { mobile: maskMobile(mobile), ip },
          });
        }
        await repo.updateAccount(trx, account.id, { last_login_at: iso });
        await repo.insertSession(trx, {
          id: sha256(sessionToken),
          account_id: account.id,
          office_id: officeId,
          csrf_token: csrfToken,
          created_at: iso,
          expires_at: expiresAt.toISOString(),
          ip,
        });
        return account.id;
      });
      const view = await this.fromSession(sessionToken, ip);
      if (!view || view.actor.id !== accountId) throw new AppError('CONFLICT');
      return { member: view.account, csrfToken, sessionToken, expiresAt };
    },

    async logout(sessionToken: string): Promise<void> {
      await repo.deleteSession(db, sha256(sessionToken));
    },

    async fromSession(sessionToken: string, ip: string | null): Promise<MemberSessionView | null> {
      const row = await repo.session(db, sha256(sessionToken));
      if (!row || row.expires_at <= clock.iso()) return null;
      return { actor: memberActor(row, ip), csrfToken: row.csrf_token, account: toMemberAccount(row) };
    },
  };
}
