import { type CreateUserBody, isCalendarDate, type Role, type SecurityAlertList, type User } from '@huzhu/core';

import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { UserRow } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { loginLockRepository } from '../repositories/login-lock.repository.ts';
import { hashPassword, requireStrongPassword } from '../security/passwords.ts';
import { randomToken, sha256 } from '../security/tokens.ts';
import { agencyRepository } from '../repositories/agency.repository.ts';
import { unitRepository } from '../repositories/unit.repository.ts';

const toUser = (u: UserRow): User => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role as Role,
  agencyId: u.agency_id,
  unitId: u.unit_id,
  disabled: u.disabled === 1,
  lockedUntil: u.locked_until,
  lastLoginAt: u.last_login_at,
  createdAt: u.created_at,
});

const publicUser = (u: UserRow) => {
  const { password_hash: _omit, ...rest } = u;
  return rest;
};

export function createAdminService({ db, reader, clock, audit }: ServiceDeps) {
  /** Users and tokens are office objects: only an office admin of that office reaches them. */
  function officeOf(actor: Actor, permission: 'user.manage' | 'token.manage' | 'audit.read') {
    requirePermission(actor, permission);
    return scopeOf(actor).officeId;
  }

  async function orgFor(officeId: string, role: string, agencyId?: string, unitId?: string) {
    if (role === 'agency_staff') {
      if (!agencyId || !(await agencyRepository.findInOffice(db, officeId, agencyId)))
        throw new AppError('VALIDATION_FAILED', { field: 'agencyId', message: '代办处经办人须指定本办事处的代办处' });
      return { agency_id: agencyId, unit_id: null };
    }
    if (role === 'unit_agent') {
      const scope = { officeId, agencyId: null, unitId: null, memberId: null };
      if (!unitId || !(await unitRepository.findInScope(db, scope, unitId)))
        throw new AppError('VALIDATION_FAILED', { field: 'unitId', message: '基层工会经办人须指定本办事处的单位' });
      return { agency_id: null, unit_id: unitId };
    }
    return { agency_id: null, unit_id: null };
  }

  return {
    async listUsers(actor: Actor, q: { q?: string; page: number; pageSize: number }) {
      const officeId = officeOf(actor, 'user.manage');
      let base = reader.selectFrom('app_user').where('office_id', '=', officeId);
      if (q.q)
        base = base.where((eb) =>
          eb.or([containsText(eb.ref('username'), q.q ?? ''), containsText(eb.ref('display_name'), q.q ?? '')]),
        );
      const [items, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('username')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: items.map(toUser), total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },

    /** The office admin's security alerts (account lock-outs), newest first. */
    async securityAlerts(
      actor: Actor,
      q: { locked?: boolean; page: number; pageSize: number },
    ): Promise<SecurityAlertList> {
      const officeId = officeOf(actor, 'user.manage');
      const now = clock.iso();
      const { items: rows, total } = await loginLockRepository.lockAlerts(db, officeId, {
        lockedAfter: q.locked ? now : undefined,
        page: q.page,
        pageSize: q.pageSize,
      });
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          kind: 'user_locked' as const,
          userId: r.user_id,
          username: r.username,
          displayName: r.display_name,
          lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until : null,
          message: r.message,
          createdAt: r.created_at,
        })),
      };
    },

    async createUser(actor: Actor, body: CreateUserBody) {
      const officeId = officeOf(actor, 'user.manage');
      requireStrongPassword(body.password, body.username);
      const org = await orgFor(officeId, body.role, body.agencyId, body.unitId);
      const now = clock.iso();
      const row: UserRow = {
        id: newId(),
        office_id: officeId,
        username: body.username,
        password_hash: await hashPassword(body.password),
        role: body.role,
        display_name: body.displayName,
        ...org,
        member_id: null,
        disabled: 0,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', body.username)
          .executeTakeFirst();
        if (taken) throw new AppError('USERNAME_TAKEN', { field: 'username' });
        await trx.insertInto('app_user').values(row).execute();
        await audit.record(trx, actor, {
          action: 'user.create',
          objectType: 'user',
          objectId: row.id,
          after: publicUser(row),
        });
      });
      return toUser(row);
    },

    async updateUser(
      actor: Actor,
      id: string,
      body: { displayName?: string; disabled?: boolean; password?: string; unlock?: boolean },
    ) {
      const officeId = officeOf(actor, 'user.manage');
      return db.transaction().execute(async (trx) => {
        const user = await trx
          .selectFrom('app_user')
          .selectAll()
          .where('office_id', '=', officeId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (!user) throw new AppError('NOT_FOUND');
        if (body.password !== undefined) requireStrongPassword(body.password, user.username);
        if (body.disabled && user.id === actor.id) throw new AppError('CONFLICT', { message: '不能停用自己的账号' });
        const patch: Partial<UserRow> = { updated_at: clock.iso() };
        if (body.displayName !== undefined) patch.display_name = body.displayName;
        if (body.disabled !== undefined) patch.disabled = body.disabled ? 1 : 0;
        if (body.password !== undefined) patch.password_hash = await hashPassword(body.password);
        if (body.unlock) Object.assign(patch, { locked_until: null, failed_logins: 0 });
        await trx.updateTable('app_user').set(patch).where('id', '=', id).execute();
        if (body.unlock) await loginLockRepository.clearAll(trx, id);
        if (body.disabled || body.password) await trx.deleteFrom('session').where('user_id', '=', id).execute();
        const after = { ...user, ...patch };
        await audit.record(trx, actor, {
          action: 'user.update',
          objectType: 'user',
          objectId: id,
          before: publicUser(user),
          after: { ...publicUser(after), passwordChanged: body.password !== undefined },
        });
        return toUser(after);
      });
    },

    /** The office's API tokens, newest first (the one just created on top); `q` finds one by name. */
    async listTokens(actor: Actor, q: { q?: string; page: number; pageSize: number }) {
      const officeId = officeOf(actor, 'token.manage');
      let base = reader.selectFrom('api_token').where('office_id', '=', officeId);
      if (q.q) base = base.where((eb) => containsText(eb.ref('name'), q.q ?? ''));
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const items = rows.map((t) => ({
        id: t.id,
        name: t.name,
        role: t.role as Role,
        agencyId: t.agency_id,
        createdAt: t.created_at,
        lastUsedAt: t.last_used_at,
        revokedAt: t.revoked_at,
      }));
      return { items, total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },

    /** The token is shown once; only its hash is stored. */
    async createToken(actor: Actor, body: { name: string; role: Role; agencyId?: string }) {
      const officeId = officeOf(actor, 'token.manage');
      const org = await orgFor(officeId, body.role, body.agencyId);
      const token = `hz_${randomToken()}`;
      const row = {
        id: newId(),
        office_id: officeId,
        name: body.name,
        token_hash: sha256(token),
        role: body.role,
        agency_id: org.agency_id,
        created_by: actor.id,
        created_at: clock.iso(),
        last_used_at: null,
        revoked_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('api_token').values(row).execute();
        await audit.record(trx, actor, {
          action: 'token.create',
          objectType: 'api_token',
          objectId: row.id,
          after: { name: row.name, role: row.role, agencyId: row.agency_id },
        });
      });
      return {
        id: row.id,
        name: row.name,
        role: body.role,
        agencyId: row.agency_id,
        createdAt: row.created_at,
        lastUsedAt: null,
        revokedAt: null,
        token,
      };
    },

    async revokeToken(actor: Actor, id: string) {
      const officeId = officeOf(actor, 'token.manage');
      await db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('api_token')
          .set({ revoked_at: clock.iso() })
          .where('office_id', '=', officeId)
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
        await audit.record(trx, actor, { action: 'token.revoke', objectType: 'api_token', objectId: id });
      });
    },

    async listAudit(
      actor: Actor,
      q: {
        action?: string;
        objectType?: string;
        objectId?: string;
        actorId?: string;
        from?: string;
        to?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const officeId = officeOf(actor, 'audit.read');
      let base = reader.selectFrom('audit_log').where('office_id', '=', officeId);
      if (q.action) base = base.where('action', '=', q.action);
      if (q.objectType) base = base.where('object_type', '=', q.objectType);
      if (q.objectId) base = base.where('object_id', '=', q.objectId);
      if (q.actorId) base = base.where('actor_id', '=', q.actorId);
      if (q.from) base = base.where('created_at', '>=', auditBound(q.from, 'from'));
      if (q.to) base = base.where('created_at', '<', auditBound(q.to, 'to'));
      const [items, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: items.map((a) => ({
          id: a.id,
          at: a.created_at,
          actorId: a.actor_id,
          actorName: a.actor_name,
          action: a.action,
          objectType: a.object_type,
          objectId: a.object_id,
          before: parseJson(a.before_json),
          after: parseJson(a.after_json),
          ip: a.ip,
        })),
        total: Number(count.n),
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}

/**
 * `from`/`to` are a China calendar date (the whole day counts, as a date picker means it) or an ISO instant.
 * Returns the UTC instant to compare with: `from` inclusive, `to` exclusive.
 */
function auditBound(value: string, which: 'from' | 'to'): string {
  let ms = Number.NaN;
  if (isCalendarDate(value)) ms = Date.parse(`${value}T00:00:00+08:00`) + (which === 'to' ? 86_400_000 : 0);
  else if (ISO_INSTANT.test(value) && isCalendarDate(value.slice(0, 10)))
    ms = Date.parse(value) + (which === 'to' ? 1 : 0);
  if (Number.isNaN(ms))
    throw new AppError('VALIDATION_FAILED', { field: which, message: '日期应为 YYYY-MM-DD 或 ISO 时间' });
  return new Date(ms).toISOString();
}
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const parseJson = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));
