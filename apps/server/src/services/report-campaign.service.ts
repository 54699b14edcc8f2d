import {
  assembleCampaign,
  type Campaign,
  type CampaignCreate,
  type CampaignReport,
  type CampaignUpdate,
  campaignSheets,
  unitOutcomes,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { campaignInScope, type OrgScope, reportScope, requirePermission, scopeOf } from '../access/policy.ts';
import { writeReportWorkbook } from '../adapters/report-workbook.ts';
import type { ServiceDeps } from './service-deps.ts';
import { uniqueViolationCode } from '../db/unique-violation.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { campaignRepository as repo, toCampaign } from '../repositories/report-campaign.repository.ts';
import { reportRepository } from '../repositories/report.repository.ts';

const DUPLICATE_NAME = '已有同名的专项行动，请换一个名称';

const visibleTo = (scope: OrgScope, c: Campaign) => campaignInScope(scope, c.agencyIds);

export function createCampaignService({ db, reader, clock, audit }: ServiceDeps) {
  async function checkDefinition(officeId: string, c: Omit<Campaign, 'createdAt' | 'updatedAt'>) {
    if (c.endDate < c.startDate)
      throw new AppError('VALIDATION_FAILED', { field: 'endDate' }, '结束日期不能早于开始日期');
    const known = await repo.knownAgencies(db, officeId, c.agencyIds);
    const unknown = c.agencyIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new AppError('AGENCY_UNKNOWN', { agencyIds: unknown });
    if (await repo.nameTaken(db, officeId, c.name, c.id))
      throw new AppError('CONFLICT', { field: 'name' }, DUPLICATE_NAME);
  }

  /** Two requests with one name can both pass the check: the unique key then refuses one, with the same 409. */
  function nameRace(e: unknown): never {
    if (uniqueViolationCode(e) === 'CONFLICT') throw new AppError('CONFLICT', { field: 'name' }, DUPLICATE_NAME);
    throw e;
  }

  async function visible(actor: Actor, id: string): Promise<{ scope: OrgScope; campaign: Campaign }> {
    const scope = reportScope(actor);
    const row = await repo.find(db, scope.officeId, id);
    const campaign = row ? toCampaign(row) : null;
    if (!campaign || !visibleTo(scope, campaign)) throw new AppError('NOT_FOUND', { campaignId: id });
    return { scope, campaign };
  }

  return {
    async create(actor: Actor, input: CampaignCreate): Promise<Campaign> {
      requirePermission(actor, 'campaign.manage');
      const { officeId } = scopeOf(actor);
      const c = { id: newId(), ...input, agencyIds: [...new Set(input.agencyIds)] };
      await checkDefinition(officeId, { ...c, id: '' });
      const now = clock.iso();
      await db
        .transaction()
        .execute(async (trx) => {
          await repo.insert(trx, {
            id: c.id,
            office_id: officeId,
            name: c.name,
            start_date: c.startDate,
            end_date: c.endDate,
            agency_ids_json: JSON.stringify(c.agencyIds),
            target_units: c.targets.units,
            target_members: c.targets.members,
            target_contributions_fen: c.targets.contributionsFen,
            created_by: actor.id,
            created_at: now,
            updated_at: now,
          });
          await audit.record(trx, actor, {
            action: 'campaign.create',
            objectType: 'campaign',
            objectId: c.id,
            after: c,
          });
        })
        .catch(nameRace);
      return { ...c, createdAt: now, updatedAt: now };
    },

    async update(actor: Actor, id: string, patch: CampaignUpdate): Promise<Campaign> {
      requirePermission(actor, 'campaign.manage');
      const { officeId } = scopeOf(actor);
      const row = await repo.find(db, officeId, id);
      if (!row) throw new AppError('NOT_FOUND', { campaignId: id });
      const before = toCampaign(row);
      const after: Campaign = {
        ...before,
        name: patch.name ?? before.name,
        startDate: patch.startDate ?? before.startDate,
        endDate: patch.endDate ?? before.endDate,
        targets: { ...before.targets, ...patch.targets },
        updatedAt: clock.iso(),
      };
      await checkDefinition(officeId, after);
      await db
        .transaction()
        .execute(async (trx) => {
          await repo.update(trx, officeId, id, {
            name: after.name,
            start_date: after.startDate,
            end_date: after.endDate,
            target_units: after.targets.units,
            target_members: after.targets.members,
            target_contributions_fen: after.targets.contributionsFen,
            updated_at: after.updatedAt,
          });
          await audit.record(trx, actor, {
            action: 'campaign.update',
            objectType: 'campaign',
            objectId: id,
            before,
            after,
          });
        })
        .catch(nameRace);
      return after;
    },

    async list(actor: Actor, q: { q?: string; page: number; pageSize: number }) {
      const scope = reportScope(actor);
      const { items, total } = await repo.page(reader, scope.officeId, { ...q, agencyId: scope.agencyId });
      return { items: items.map(toCampaign), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string): Promise<Campaign> {
      return (await visible(actor, id)).campaign;
    },

    /** The report from the unit-term summary: agency staff get their agency's row only. */
    async report(actor: Actor, id: string): Promise<CampaignReport> {
      const { scope, campaign } = await visible(actor, id);
      const agencyNames = await reportRepository.agencyNames(reader, scope.officeId);
      const agencyIds =
        scope.agencyId !== null
          ? [scope.agencyId]
          : campaign.agencyIds.length > 0
            ? campaign.agencyIds
            : [...agencyNames.keys()].filter((k) => k !== '');
      const terms = await repo.unitTerms(reader, scope.officeId, campaign.startDate, campaign.endDate, agencyIds);
      const outcomes = unitOutcomes(terms, campaign.startDate, campaign.endDate);
      return {
        campaign,
        agencyId: scope.agencyId,
        ...assembleCampaign(campaign, outcomes, { agencyIds, agencyNames }),
      };
    },

    async reportWorkbook(actor: Actor, id: string) {
      const report = await this.report(actor, id);
      const body = await writeReportWorkbook(campaignSheets(report));
      return { name: `专项行动-${report.campaign.name}.xlsx`, body };
    },
  };
}
export type CampaignService = ReturnType<typeof createCampaignService>;
