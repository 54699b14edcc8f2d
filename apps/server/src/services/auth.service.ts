import type { Role, SessionUser } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { UserRow } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { loginLockRepository as loginLocks } from '../repositories/login-lock.repository.ts';
import { lockMinutesFor, loginSourceOf } from '../security/login-source.ts';
import { dummyHash, verifyPassword } from '../security/passwords.ts';
import { randomToken, sha256 } from '../security/tokens.ts';

export interface LoginResult {
  user: SessionUser;
  csrfToken: string;
  sessionToken: string;
  expiresAt: Date;
}

export function createAuthService({ db, clock, config, audit }: ServiceDeps) {
  async function actorForUser(user: UserRow, ip: string | null): Promise<Actor> {
    let agencyId = user.agency_id;
    if (user.role === 'unit_agent' && user.unit_id) {
      const unit = await db.selectFrom('unit').select('agency_id').where('id', '=', user.unit_id).executeTakeFirst();
      agencyId = unit?.agency_id ?? null;
    }
    return {
      kind: 'user',
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role as Role,
      officeId: user.office_id,
      agencyId,
      unitId: user.unit_id,
      memberId: user.member_id,
      ip,
    };
  }

  return {
    toSessionUser(actor: Actor): SessionUser {
      const orgId =
        actor.role === 'agency_staff'
          ? actor.agencyId
          : actor.role === 'unit_agent'
            ? actor.unitId
            : actor.role === 'member'
              ? actor.memberId
              : actor.officeId;
      return {
        id: actor.id,
        username: actor.username,
        role: actor.role,
        officeId: actor.officeId,
        orgId,
        displayName: actor.displayName,
      };
    },

    /**
     * Password login with lock-out by (account, source network): `maxFailedLogins` wrong passwords from one /24 or
     * /64 lock the account for that source only, for `lockMinutes` doubled with every further lock from it; the
     * owner still signs in from anywhere else. Each lock is an audit row `user.locked` the office admin reads.
     */
    async login(username: string, password: string, ip: string | null): Promise<LoginResult> {
      const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
      if (!user) {
        await verifyPassword(await dummyHash(), password);
        throw new AppError('AUTH_FAILED');
      }
      const now = clock.now();
      const source = loginSourceOf(ip);
      const lock = await loginLocks.find(db, user.id, source);
      if (lock?.locked_until && lock.locked_until > now.toISOString()) {
        throw new AppError('ACCOUNT_LOCKED', { lockedUntil: lock.locked_until });
      }
      const good = await verifyPassword(user.password_hash, password);
      // Only someone who knows the password learns that the account is disabled; a stranger sees AUTH_FAILED.
      if (user.disabled) throw new AppError(good ? 'ACCOUNT_DISABLED' : 'AUTH_FAILED');
      if (!good) {
        const lockedUntil = await db.transaction().execute(async (trx) => {
          const at = clock.iso();
          const counted = await loginLocks.countFailure(trx, { userId: user.id, officeId: user.office_id, source, at });
          if (counted.failedCount < config.maxFailedLogins) return null;
          const minutes = lockMinutesFor(config.lockMinutes, counted.lockLevel + 1);
          const until = new Date(now.getTime() + minutes * 60_000).toISOString();
          const level = await loginLocks.lock(trx, user.id, source, config.maxFailedLogins, until, at);
          if (level === null) return until;
          // The account row keeps the latest lock for the user list; it no longer blocks other sources.
          await trx
            .updateTable('app_user')
            .set({ locked_until: until, updated_at: at })
            .where('id', '=', user.id)
            .execute();
          await audit.record(trx, null, {
            action: 'user.locked',
            objectType: 'user',
            objectId: user.id,
            officeId: user.office_id,
            after: { lockedUntil: until, source, lockLevel: level, minutes, ip },
          });
          // The office admin is alerted (the console's security alerts); a platform account has no office.
          if (user.office_id)
            await loginLocks.raiseLockAlert(trx, {
              id: newId(),
              officeId: user.office_id,
              userId: user.id,
              at,
              message: `账号 ${user.username}（${user.display_name}）从 ${source} 连续 ${config.maxFailedLogins} 次密码错误，已对该来源锁定 ${minutes} 分钟（第 ${level} 次锁定）；本人从其他网络仍可登录，如非本人操作请留意`,
            });
          return until;
        });
        if (lockedUntil !== null) throw new AppError('ACCOUNT_LOCKED', { lockedUntil });
        // No attempts-left detail: the answer must not tell a known username from an unknown one.
        throw new AppError('AUTH_FAILED');
      }
      const sessionToken = randomToken();
      const csrfToken = randomToken(24);
      const expiresAt = new Date(now.getTime() + config.sessionHours * 3_600_000);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('session')
          .values({
            id: sha256(sessionToken),
            user_id: user.id,
            office_id: user.office_id,
            csrf_token: csrfToken,
            created_at: now.toISOString(),
            expires_at: expiresAt.toISOString(),
            ip,
          })
          .execute();
        await loginLocks.clear(trx, user.id, source);
        await trx
          .updateTable('app_user')
          .set({ failed_logins: 0, last_login_at: now.toISOString() })
          .where('id', '=', user.id)
          .execute();
      });
      const actor = await actorForUser(user, ip);
      return { user: this.toSessionUser(actor), csrfToken, sessionToken, expiresAt };
    },

    async logout(sessionToken: string): Promise<void> {
      await db.deleteFrom('session').where('id', '=', sha256(sessionToken)).execute();
    },

    /** Resolves a session cookie to its actor and CSRF token, or null when unknown or expired. */
    async fromSession(sessionToken: string, ip: string | null): Promise<{ actor: Actor; csrfToken: string } | null> {
      const row = await db
        .selectFrom('session')
        .innerJoin('app_user', 'app_user.id', 'session.user_id')
        .selectAll('app_user')
        .select(['session.csrf_token', 'session.expires_at'])
        .where('session.id', '=', sha256(sessionToken))
        .executeTakeFirst();
      if (!row || row.expires_at <= clock.iso() || row.disabled) return null;
      return { actor: await actorForUser(row, ip), csrfToken: row.csrf_token };
    },

    async fromApiToken(token: string, ip: string | null): Promise<Actor | null> {
      const row = await db
        .selectFrom('api_token')
        .selectAll()
        .where('token_hash', '=', sha256(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      await db.updateTable('api_token').set({ last_used_at: clock.iso() }).where('id', '=', row.id).execute();
      return {
        kind: 'token',
        id: row.id,
        username: `token:${row.name}`,
        displayName: row.name,
        role: row.role as Role,
        officeId: row.office_id,
        agencyId: row.agency_id,
        unitId: null,
        memberId: null,
        ip,
      };
    },

    newSessionId: newId,
  };
}
