import {
  can,
  type CreateMemberBody,
  type MemberDetail,
  type MemberSummary,
  maskBankAccount,
  maskIdNumber,
  maskMobile,
  parseIdNumber,
  personName,
  mobile as mobileSchema,
  registeredElsewhereMessages,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf, type OrgScope } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db, MemberRow } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { memberRepository } from '../repositories/member.repository.ts';
import { unitRepository } from '../repositories/unit.repository.ts';
import { cursor, idNumberHashOf, personTerm } from './search-terms.ts';

type MemberWithUnit = MemberRow & { unit_name: string | null };

/** Whole years from the birth date to today (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function toSummary(
  row: MemberWithUnit,
  { maskPhone, fullBirthDate, today }: { maskPhone: boolean; fullBirthDate: boolean; today: string },
): MemberSummary {
  return {
    id: row.id,
    name: row.name,
    idNumberMasked: row.id_number_masked,
    sex: row.sex,
    birthDate: fullBirthDate ? row.birth_date : null,
    birthYear: Number(row.birth_date.slice(0, 4)),
    age: ageOn(row.birth_date, today),
    mobile: row.mobile && maskPhone ? maskMobile(row.mobile) : row.mobile,
    unitId: row.unit_id,
    unitName: row.unit_name,
    employmentKind: row.employment_kind,
    gigKind: (row.gig_kind as MemberSummary['gigKind']) ?? null,
  };
}

export function createMemberService({ db, reader, clock, audit, cipher }: ServiceDeps) {
  async function requireMember(trx: Db, scope: OrgScope, id: string) {
    const row = await memberRepository.findInScope(trx, scope, id);
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  async function requireUnitInScope(trx: Db, scope: OrgScope, unitId: string) {
    const unit = await unitRepository.findInScope(trx, scope, unitId);
    if (!unit) throw new AppError('NOT_FOUND', { field: 'unitId' });
    return unit;
  }

  return {
    /**
     * Lists members in scope; `idNumber` must be a full, valid number and is matched through the blind index; `q` is a
     * name (prefix), a mobile number or a full ID number, told apart by its shape (search-terms.ts).
     */
    async list(
      actor: Actor,
      q: { idNumber?: string; q?: string; unitId?: string; after?: string; page: number; pageSize: number },
    ) {
      requirePermission(actor, 'member.read');
      const scope = scopeOf(actor);
      const today = clock.today();
      const term = q.q ? personTerm(q.q, cipher, today) : {};
      const idNumberHash = q.idNumber ? idNumberHashOf(q.idNumber, cipher, today) : undefined;
      // Both given and different: nobody is both.
      if (idNumberHash && term.idNumberHash && idNumberHash !== term.idNumberHash)
        return { items: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize, next: null };
      const after = q.after ? cursor.decode(q.after, 2) : undefined;
      const { items, total, totalCapped } = await memberRepository.list(
        reader,
        scope,
        { ...term, idNumberHash: idNumberHash ?? term.idNumberHash, unitId: q.unitId },
        q.page,
        q.pageSize,
        after ? { name: after[0]!, id: after[1]! } : undefined,
      );
      const last = items.length === q.pageSize ? items[items.length - 1] : undefined;
      const shown = { maskPhone: true, fullBirthDate: false, today };
      return {
        items: items.map((r) => toSummary(r, shown)),
        total,
        totalCapped,
        page: q.page,
        pageSize: q.pageSize,
        next: last ? cursor.encode([last.name, last.id]) : null,
      };
    },

    async get(actor: Actor, id: string): Promise<MemberDetail> {
      requirePermission(actor, 'member.read');
      const scope = scopeOf(actor);
      const row = await requireMember(db, scope, id);
      const history = await memberRepository.unitHistory(db, scope.officeId, id);
      return {
        // Those who contact members (they may change them) see the full mobile; the full birth date goes with the
        // right to see the full ID number.
        ...toSummary(row, {
          maskPhone: actor.kind === 'member' || !can(actor.role, 'member.write'),
          fullBirthDate: actor.kind !== 'member' && can(actor.role, 'member.reveal'),
          today: clock.today(),
        }),
        household: row.household,
        hasMedicalInsurance: row.has_medical_insurance === 1,
        bankAccountMasked: row.bank_account_last4 ? maskBankAccount(`0000${row.bank_account_last4}`) : null,
        bankName: row.bank_name,
        unitHistory: history.map((h) => ({
          unitId: h.unit_id,
          unitName: h.unit_name,
          fromDate: h.from_date,
          toDate: h.to_date,
        })),
        policies: [],
        createdAt: row.created_at,
      };
    },

    /** The full ID number, for those allowed; every reveal is on record. */
    async reveal(actor: Actor, id: string) {
      requirePermission(actor, 'member.reveal');
      const scope = scopeOf(actor);
      return db.transaction().execute(async (trx) => {
        const row = await requireMember(trx, scope, id);
        await audit.record(trx, actor, {
          action: 'member.reveal_id',
          objectType: 'member',
          objectId: id,
          after: { field: 'idNumber' },
        });
        return { idNumber: cipher.decrypt(row.id_number_enc) };
      });
    },

    async create(actor: Actor, body: CreateMemberBody) {
      requirePermission(actor, 'member.write');
      const scope = scopeOf(actor);
      const today = clock.today();
      const name = personName.safeParse(body.name);
      if (!name.success) throw new AppError('NAME_INVALID', { field: 'name' });
      const id = parseIdNumber(body.idNumber, today);
      if (!id.ok) throw new AppError(id.error.code, { field: 'idNumber' });
      if (body.mobile && !mobileSchema.safeParse(body.mobile).success)
        throw new AppError('PHONE_INVALID', { field: 'mobile' });
      const unitId = body.unitId ?? scope.unitId ?? null;
      if (!unitId && (scope.agencyId || scope.unitId)) throw new AppError('VALIDATION_FAILED', { field: 'unitId' });
      const hash = cipher.blindIndex(id.value.idNumber);
      const now = clock.iso();
      const memberId = newId();
      await db.transaction().execute(async (trx) => {
        if (unitId) await requireUnitInScope(trx, scope, unitId);
        const existing = await memberRepository.findByHash(trx, scope.officeId, hash);
        if (existing) {
          // Only a member the caller may see is named as such; anyone else's is "registered elsewhere".
          if (await memberRepository.findInScope(trx, scope, existing.id))
            throw new AppError('MEMBER_DUPLICATE', { field: 'idNumber', memberId: existing.id });
          throw new AppError('MEMBER_DUPLICATE', { field: 'idNumber' }, registeredElsewhereMessages.MEMBER_DUPLICATE);
        }
        const row: MemberRow = {
          id: memberId,
          office_id: scope.officeId,
          name: name.data,
          id_number_enc: cipher.encrypt(id.value.idNumber),
          id_number_hash: hash,
          id_number_masked: maskIdNumber(id.value.idNumber),
          sex: id.value.sex,
          birth_date: id.value.birthDate,
          mobile: body.mobile || null,
          employment_kind: body.employmentKind,
          gig_kind: body.employmentKind === 'gig' ? (body.gigKind ?? 'other') : null,
          household: body.household ?? null,
          has_medical_insurance: body.hasMedicalInsurance ? 1 : 0,
          bank_name: null,
          bank_account_enc: null,
          bank_account_last4: null,
          unit_id: unitId,
          created_at: now,
          updated_at: now,
        };
        await memberRepository.insert(trx, row);
        if (unitId) {
          await trx
            .insertInto('member_unit')
            .values({
              id: newId(),
              office_id: scope.officeId,
              member_id: memberId,
              unit_id: unitId,
              from_date: today,
              to_date: null,
              created_at: now,
            })
            .execute();
        }
        await audit.record(trx, actor, {
          action: 'member.create',
          objectType: 'member',
          objectId: memberId,
          after: { name: row.name, idNumberMasked: row.id_number_masked, unitId },
        });
      });
      return this.get(actor, memberId);
    },

    /** Moves a member to another unit; the member and their coverage stay, the history records the move. */
    async transfer(actor: Actor, id: string, toUnitId: string, fromDate: string) {
      requirePermission(actor, 'member.transfer');
      const scope = scopeOf(actor);
      await db.transaction().execute(async (trx) => {
        const member = await requireMember(trx, scope, id);
        // The receiving unit must be in the office; agency staff may receive into their own units only.
        await requireUnitInScope(trx, { ...scope, unitId: null }, toUnitId);
        if (member.unit_id === toUnitId) throw new AppError('CONFLICT', { field: 'unitId' });
        // The history must stay a sequence: a move cannot predate the current link, nor be recorded ahead of time
        // (scope follows member.unit_id at once, so a future date would already move the member today).
        const open = await memberRepository.openUnitLink(trx, scope.officeId, id);
        if (open && fromDate < open.from_date)
          throw new AppError('VALIDATION_FAILED', {
            field: 'fromDate',
            message: `调动日期不能早于在现单位的起始日期 ${open.from_date}`,
          });
        if (fromDate > clock.today())
          throw new AppError('VALIDATION_FAILED', { field: 'fromDate', message: '调动日期不能晚于今天' });
        await trx
          .updateTable('member_unit')
          .set({ to_date: fromDate })
          .where('office_id', '=', scope.officeId)
          .where('member_id', '=', id)
          .where('to_date', 'is', null)
          .execute();
        await trx
          .insertInto('member_unit')
          .values({
            id: newId(),
            office_id: scope.officeId,
            member_id: id,
            unit_id: toUnitId,
            from_date: fromDate,
            to_date: null,
            created_at: clock.iso(),
          })
          .execute();
        await trx
          .updateTable('member')
          .set({ unit_id: toUnitId, updated_at: clock.iso() })
          .where('office_id', '=', scope.officeId)
          .where('id', '=', id)
          .execute();
        await audit.record(trx, actor, {
          action: 'member.transfer',
          objectType: 'member',
          objectId: id,
          before: { unitId: member.unit_id },
          after: { unitId: toUnitId, fromDate },
        });
      });
      return this.get(actor, id);
    },
  };
}
