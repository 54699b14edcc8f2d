import {
  type AgencyKind,
  type CreateUnitBody,
  errorMessages,
  parseCreditCode,
  registeredElsewhereMessages,
  type Unit,
  type UnitCategory,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { agencyIdInScope, requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { UnitRow } from '../db/tables.ts';
import { AppError, unwrap } from '../errors.ts';
import { newId } from '../ids.ts';
import { agencyRepository } from '../repositories/agency.repository.ts';
import { unitRepository } from '../repositories/unit.repository.ts';

export function toUnit(row: UnitRow & { agency_name?: string }, today: string): Unit {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    creditCodeChecksumValid: row.credit_code_valid === 1,
    category: row.category as UnitCategory,
    industry: row.industry,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    headcount: row.headcount,
    femaleHeadcount: row.female_headcount,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    enrolled: row.covered_until !== null && row.covered_until >= today,
    coveredUntil: row.covered_until,
    createdAt: row.created_at,
  };
}

export function createOrgService({ db, reader, clock, audit }: ServiceDeps) {
  return {
    async listAgencies(actor: Actor, q: { q?: string; kind?: AgencyKind; page: number; pageSize: number }) {
      requirePermission(actor, 'agency.read');
      const { items, total } = await agencyRepository.pageInScope(reader, scopeOf(actor), q);
      return {
        items: items.map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind, regionCode: a.region_code })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async listUnits(
      actor: Actor,
      q: { agencyId?: string; category?: string; enrolled?: boolean; q?: string; page: number; pageSize: number },
    ) {
      requirePermission(actor, 'unit.read');
      const { items, total, totalCapped } = await unitRepository.list(
        reader,
        scopeOf(actor),
        { ...q, today: clock.today() },
        q.page,
        q.pageSize,
      );
      return {
        items: items.map((r) => toUnit(r, clock.today())),
        total,
        totalCapped,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async getUnit(actor: Actor, id: string) {
      requirePermission(actor, 'unit.read');
      const scope = scopeOf(actor);
      const row = await unitRepository.findInScope(db, scope, id);
      if (!row) throw new AppError('NOT_FOUND');
      return { ...toUnit(row, clock.today()), memberCount: await unitRepository.memberCount(db, scope.officeId, id) };
    },

    async createUnit(actor: Actor, body: CreateUnitBody) {
      requirePermission(actor, 'unit.write');
      const scope = scopeOf(actor);
      if (!agencyIdInScope(scope, body.agencyId)) throw new AppError('NOT_FOUND', { field: 'agencyId' });
      const agency = await agencyRepository.findInOffice(db, scope.officeId, body.agencyId);
      if (!agency) throw new AppError('NOT_FOUND', { field: 'agencyId' });
      const credit = unwrap(parseCreditCode(body.creditCode));
      const now = clock.iso();
      const row: UnitRow = {
        id: newId(),
        office_id: scope.officeId,
        agency_id: agency.id,
        name: body.name,
        credit_code: credit.code,
        credit_code_valid: credit.checksumValid ? 1 : 0,
        category: body.category,
        industry: body.industry ?? null,
        headcount: body.headcount,
        female_headcount: body.femaleHeadcount ?? null,
        contact_name: body.contactName ?? null,
        contact_phone: body.contactPhone ?? null,
        bank_name: null,
        bank_account_enc: null,
        covered_until: null,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        const [dup] = await unitRepository.findByCreditCodes(trx, scope.officeId, [credit.code]);
        if (dup) {
          // Only a unit the caller may see is named; another agency's unit is "registered elsewhere", no id.
          if (await unitRepository.findInScope(trx, scope, dup.id))
            throw new AppError('CREDIT_CODE_DUPLICATE', { field: 'creditCode', unitId: dup.id });
          throw new AppError(
            'CREDIT_CODE_DUPLICATE',
            { field: 'creditCode' },
            registeredElsewhereMessages.CREDIT_CODE_DUPLICATE,
          );
        }
        await unitRepository.insert(trx, row);
        await audit.record(trx, actor, {
          action: 'unit.create',
          objectType: 'unit',
          objectId: row.id,
          after: { ...row, bank_account_enc: undefined },
        });
        if (!credit.checksumValid) {
          // The checksum failure is accepted as a warning; who accepted it is on record.
          await audit.record(trx, actor, {
            action: 'unit.credit_code_override',
            objectType: 'unit',
            objectId: row.id,
            after: { creditCode: credit.code },
          });
        }
      });
      const warnings = credit.checksumValid
        ? []
        : [{ code: 'CREDIT_CODE_CHECKSUM', message: errorMessages.CREDIT_CODE_CHECKSUM }];
      return { ...toUnit({ ...row, agency_name: agency.name }, clock.today()), warnings };
    },
  };
}
