import {
  checkEligibility,
  coverageTerms,
  GIFT_PRODUCT,
  type GiftCampaign,
  type GiftCampaignBody,
  type GiftCampaignListQuery,
  type GiftCampaignPatch,
  type GiftEligibility,
  type GiftGrantResult,
  type GigEnrolment,
  giftCampaignOpen,
  giftEligibilityIssue,
  type gigKinds,
  gigStartDate,
  maskIdNumber,
  maskName,
  parseIdNumber,
  personName,
  type RowIssue,
  rowIssue,
} from '@huzhu/core';
import type { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import { type HeaderSpec, requireColumns } from '../adapters/spreadsheet.ts';
import { openSheetOffLoop } from './sheet-off-loop.ts';
import { tooManyRows } from '../adapters/sheet-limits.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db } from '../db/tables.ts';
import { uniqueViolationCode } from '../db/unique-violation.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { type GiftCampaignRow, giftCampaignRepository as repo } from '../repositories/gift-campaign.repository.ts';
import { gigRepository } from '../repositories/gig.repository.ts';
import { randomToken } from '../security/tokens.ts';
import { ownMember } from './member-app.service.ts';
import { currentVersion, type StoredVersion } from './product.service.ts';
import { withCoverageOf } from './report-summary.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'reader' | 'clock' | 'audit' | 'cipher' | 'config'>;

/** A roster grant's answer lists at most this many refused rows (the counts are always whole). */
export const GIFT_ROSTER_ISSUES_MAX = 1_000;

/** The columns of a gift roster (an industry union's or agency's list of workers). */
export const giftRosterColumns = { name: '姓名', idNumber: '身份证号', mobile: '手机号', gigKind: '职业' } as const;
const giftRosterHeader: HeaderSpec = {
  known: Object.values(giftRosterColumns),
  required: [giftRosterColumns.name, giftRosterColumns.idNumber],
  aliases: {
    身份证: '身份证号',
    身份证号码: '身份证号',
    公民身份号码: '身份证号',
    手机: '手机号',
    联系电话: '手机号',
    从业类型: '职业',
  },
  ignored: ['序号', '备注'],
};
const gigKindByLabel: Record<string, (typeof gigKinds)[number]> = {
  外卖骑手: 'rider',
  骑手: 'rider',
  快递员: 'courier',
  网约车司机: 'ride_hailing',
  货车司机: 'trucker',
  其他: 'other',
};

/** Who a gift goes to, as the grant needs them. */
interface Recipient {
  memberId: string | null;
  birthDate: string;
  sex: 'male' | 'female';
  employmentKind: 'employee' | 'gig' | null;
  gigKind: (typeof gigKinds)[number] | null;
  agencyId: string | null;
  /** A worker from a roster not yet known: the member row made in the grant's transaction. */
  newMember?: {
    name: string;
    idNumberEnc: string;
    idNumberHash: string;
    idNumberMasked: string;
    mobile: string | null;
  };
}

interface GrantContext {
  source: 'app' | 'roster';
  channelId: string | null;
  accountId: string | null;
}

/**
 * Gift cover campaigns (新业态赠险, issue 12 item 4). The office creates, edits and closes a sponsor's campaign;
 * eligible workers claim a gift in the member app (no payment: the policy starts at 00:00 China time the next day and
 * has its certificate) or an industry union / agency grants gifts in bulk from a roster. Every grant is one
 * transaction: the grant row (unique per campaign × member: one gift each), the policy (through withCoverageOf, so
 * the reports count it) and the conditional take of one gift of the budget (repositories: `takeOne`) — the budget is
 * never overspent whatever the concurrency; a grant that loses any of these leaves nothing behind. Audited
 * `gift.grant` each.
 */
export function createGiftCampaignService({ db, reader, clock, audit, cipher, config }: Deps) {
  const parseEligibility = (c: GiftCampaignRow): GiftEligibility => JSON.parse(c.eligibility_json);

  async function toView(c: GiftCampaignRow): Promise<GiftCampaign> {
    const product = await currentVersion(db, c.office_id, c.product_code).catch(() => null);
    return {
      id: c.id,
      name: c.name,
      sponsor: c.sponsor,
      productCode: c.product_code,
      productName: product?.name ?? c.product_code,
      budgetCount: c.budget_count,
      granted: c.granted_count,
      remaining: Math.max(0, c.budget_count - c.granted_count),
      startDate: c.start_date,
      endDate: c.end_date,
      eligibility: parseEligibility(c),
      status: c.status,
      claimable: giftCampaignOpen(campaignState(c), clock.today()) === null,
      createdAt: c.created_at,
      closedAt: c.closed_at,
    };
  }
  const campaignState = (c: GiftCampaignRow) => ({ status: c.status, startDate: c.start_date, endDate: c.end_date });

  /** A campaign the caller may see: their office's; agency staff only those open to their agency. */
  async function inScope(actor: Actor, id: string, permission: 'gift.manage' | 'gift.grant') {
    requirePermission(actor, permission);
    const scope = scopeOf(actor);
    const c = await repo.campaign(db, scope.officeId, id);
    if (!c) throw new AppError('NOT_FOUND');
    const agencies = parseEligibility(c).agencyIds ?? [];
    if (scope.agencyId !== null && agencies.length > 0 && !agencies.includes(scope.agencyId))
      throw new AppError('NOT_FOUND');
    return c;
  }

  async function giftProduct(officeId: string, code: string): Promise<StoredVersion> {
    const v = await currentVersion(db, officeId, code).catch(() => null);
    if (v?.channel !== 'gift')
      throw new AppError('VALIDATION_FAILED', { field: 'productCode', code }, `产品 ${code} 不是赠送型产品`);
    return v;
  }

  async function checkAgencies(officeId: string, ids: string[] | undefined) {
    if (!ids?.length) return;
    const found = await db
      .selectFrom('agency')
      .select('id')
      .where('office_id', '=', officeId)
      .where('id', 'in', ids)
      .execute();
    if (found.length !== new Set(ids).size)
      throw new AppError('VALIDATION_FAILED', { field: 'eligibility.agencyIds' }, '所选代办处不存在');
  }

  function checkPeriod(startDate: string, endDate: string) {
    if (endDate < startDate)
      throw new AppError('VALIDATION_FAILED', { field: 'endDate' }, '活动结束日期不能早于开始日期');
  }

  /**
   * One gift to one worker, all or nothing. Refusals: GIFT_CAMPAIGN_CLOSED (closed or out of period),
   * GIFT_ALREADY_CLAIMED, GIFT_NOT_ELIGIBLE (the campaign's conditions), the product's own (AGE_OUT_OF_RANGE,
   * ALREADY_COVERED, EXCLUSIVE_GROUP_CONFLICT), GIFT_EXHAUSTED.
   */
  async function grantOne(
    actor: Actor | null,
    campaign: GiftCampaignRow,
    who: Recipient,
    g: GrantContext,
  ): Promise<{ grantId: string; policyId: string; memberId: string }> {
    const closed = giftCampaignOpen(campaignState(campaign), clock.today());
    if (closed) throw new AppError(closed.code, { field: closed.field }, closed.message);
    const officeId = campaign.office_id;
    if (who.memberId && (await repo.grantOf(db, officeId, campaign.id, who.memberId)))
      throw new AppError('GIFT_ALREADY_CLAIMED', { field: 'giftCampaignId' });
    const startDate = gigStartDate(clock.now());
    const not = giftEligibilityIssue(parseEligibility(campaign), who, startDate);
    if (not) throw new AppError(not.code, { field: not.field }, not.message);
    const product = await giftProduct(officeId, campaign.product_code);
    const candidate = { birthDate: who.birthDate, sex: who.sex, hasMedicalInsurance: true, shares: product.minShares };
    const bare = checkEligibility(product, candidate, startDate, []);
    if (bare.length > 0) throw new AppError(bare[0]!.code, { field: bare[0]!.field }, bare[0]!.message);

    const now = clock.iso();
    try {
      return await db.transaction().execute(async (trx) => {
        let memberId = who.memberId;
        if (!memberId) memberId = await insertRosterMember(trx, actor, officeId, who, now);
        else {
          // The worker's own gifts and orders one at a time from here (PostgreSQL); then again inside the
          // transaction: a racer of the same worker that committed meanwhile is a second gift.
          await gigRepository.lockMemberCover(trx, officeId, memberId);
          if (await repo.grantOf(trx, officeId, campaign.id, memberId))
            throw new AppError('GIFT_ALREADY_CLAIMED', { field: 'giftCampaignId' });
        }
        const held = await gigRepository.heldPolicies(trx, officeId, memberId);
        const issues = checkEligibility(product, candidate, startDate, held);
        if (issues.length > 0) {
          const first = issues[0]!;
          throw new AppError(first.code, { field: first.field }, first.message);
        }
        const terms = coverageTerms(
          product,
          product.minShares,
          startDate,
          held.filter((p) => p.endDate < startDate),
        );
        const grantId = newId();
        const policyId = newId();
        // The unique (campaign, member) index refuses a second gift even when two claims pass the look-up at once.
        await repo.insertGrant(trx, {
          id: grantId,
          office_id: officeId,
          campaign_id: campaign.id,
          member_id: memberId,
          policy_id: policyId,
          source: g.source,
          channel_id: g.channelId,
          agency_id: who.agencyId,
          account_id: g.accountId,
          granted_by: actor?.id ?? null,
          created_at: now,
        });
        await withCoverageOf(trx, officeId, [memberId], () =>
          gigRepository.insertPolicy(trx, {
            id: policyId,
            office_id: officeId,
            member_id: memberId,
            unit_id: null,
            agency_id: who.agencyId,
            batch_id: null,
            product_version_id: product.id,
            product_code: product.code,
            exclusive_group: product.exclusiveGroup,
            channel: product.channel,
            shares: product.minShares,
            fee_fen: product.feePerShareFen * product.minShares,
            start_date: terms.startDate,
            end_date: terms.endDate,
            waiting_end_date: terms.waitingEndDate,
            accident_waiting_end_date: terms.accidentWaitingEndDate,
            continuous: terms.continuous ? 1 : 0,
            renewal_of: null,
            state: 'in_force',
            certificate_code: randomToken(12),
            created_at: now,
          }),
        );
        // Last, so the campaign row is locked (PostgreSQL) for the shortest time: the budget's one gift, or nothing.
        if ((await repo.takeOne(trx, officeId, campaign.id, now)) !== 1) {
          const fresh = await repo.campaign(trx, officeId, campaign.id);
          if (fresh?.status !== 'open') throw new AppError('GIFT_CAMPAIGN_CLOSED', { field: 'giftCampaignId' });
          throw new AppError('GIFT_EXHAUSTED', { field: 'giftCampaignId', budgetCount: fresh.budget_count });
        }
        await audit.record(trx, actor, {
          action: 'gift.grant',
          objectType: 'gift_grant',
          objectId: grantId,
          officeId,
          after: {
            campaignId: campaign.id,
            sponsor: campaign.sponsor,
            memberId,
            policyId,
            productCode: product.code,
            startDate: terms.startDate,
            endDate: terms.endDate,
            source: g.source,
            channelId: g.channelId,
          },
        });
        return { grantId, policyId, memberId };
      });
    } catch (e) {
      if (uniqueViolationCode(e) === 'GIFT_ALREADY_CLAIMED')
        throw new AppError('GIFT_ALREADY_CLAIMED', { field: 'giftCampaignId' });
      if (uniqueViolationCode(e) === 'MEMBER_DUPLICATE')
        throw new AppError('CONFLICT', { field: 'idNumber' }, '该人员正在同时办理，请稍后重试');
      throw e;
    }
  }

  async function insertRosterMember(trx: Db, actor: Actor | null, officeId: string, who: Recipient, now: string) {
    const n = who.newMember!;
    const id = newId();
    await trx
      .insertInto('member')
      .values({
        id,
        office_id: officeId,
        name: n.name,
        id_number_enc: n.idNumberEnc,
        id_number_hash: n.idNumberHash,
        id_number_masked: n.idNumberMasked,
        sex: who.sex,
        birth_date: who.birthDate,
        mobile: n.mobile,
        employment_kind: 'gig',
        gig_kind: who.gigKind,
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
      objectId: id,
      officeId,
      after: { name: maskName(n.name), idNumber: n.idNumberMasked, via: 'gift_roster' },
    });
    return id;
  }

  /** What the member app shows of a gift: an enrolment already effective, with its policy. */
  async function grantView(officeId: string, grantId: string): Promise<GigEnrolment | null> {
    const g = await repo.grant(db, officeId, grantId);
    if (!g) return null;
    const policy = await gigRepository.policy(db, officeId, g.policy_id);
    const channel = g.channel_id
      ? await db.selectFrom('channel').select('code').where('id', '=', g.channel_id).executeTakeFirst()
      : undefined;
    return {
      id: g.id,
      status: 'effective',
      productCode: policy?.product_code ?? GIFT_PRODUCT,
      shares: policy?.shares ?? 1,
      feeFen: 0,
      channelCode: channel?.code ?? null,
      expiresAt: g.created_at,
      paidAt: null,
      ...(policy
        ? {
            policy: {
              id: policy.id,
              productCode: policy.product_code,
              shares: policy.shares,
              startDate: policy.start_date,
              endDate: policy.end_date,
              certificateCode: policy.certificate_code,
            },
          }
        : {}),
    };
  }

  return {
    async create(actor: Actor, body: GiftCampaignBody): Promise<GiftCampaign> {
      requirePermission(actor, 'gift.manage');
      const scope = scopeOf(actor);
      checkPeriod(body.startDate, body.endDate);
      await giftProduct(scope.officeId, body.productCode);
      await checkAgencies(scope.officeId, body.eligibility.agencyIds);
      const now = clock.iso();
      const row: GiftCampaignRow = {
        id: newId(),
        office_id: scope.officeId,
        name: body.name,
        sponsor: body.sponsor,
        product_code: body.productCode,
        budget_count: body.budgetCount,
        granted_count: 0,
        start_date: body.startDate,
        end_date: body.endDate,
        eligibility_json: JSON.stringify(body.eligibility),
        status: 'open',
        created_by: actor.id,
        created_at: now,
        updated_at: now,
        closed_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertCampaign(trx, row);
        await audit.record(trx, actor, {
          action: 'gift_campaign.create',
          objectType: 'gift_campaign',
          objectId: row.id,
          after: { ...body },
        });
      });
      return toView(row);
    },

    async list(actor: Actor, q: z.infer<typeof GiftCampaignListQuery>) {
      requirePermission(actor, 'gift.grant');
      const scope = scopeOf(actor);
      const { items, total } = await repo.listCampaigns(reader, scope.officeId, { ...q, agencyId: scope.agencyId });
      return {
        items: await Promise.all(items.map(toView)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async get(actor: Actor, id: string) {
      return toView(await inScope(actor, id, 'gift.grant'));
    },

    /** Edits name, sponsor, period, eligibility and budget (which may not fall below the gifts already granted). */
    async update(actor: Actor, id: string, patch: GiftCampaignPatch) {
      const c = await inScope(actor, id, 'gift.manage');
      if (c.status !== 'open') throw new AppError('GIFT_CAMPAIGN_CLOSED', { field: 'status' }, '已结束的活动不能修改');
      const startDate = patch.startDate ?? c.start_date;
      const endDate = patch.endDate ?? c.end_date;
      checkPeriod(startDate, endDate);
      if (patch.eligibility) await checkAgencies(c.office_id, patch.eligibility.agencyIds);
      const now = clock.iso();
      await db.transaction().execute(async (trx) => {
        if (patch.budgetCount !== undefined && patch.budgetCount !== c.budget_count) {
          if ((await repo.setBudget(trx, c.office_id, id, patch.budgetCount, now)) !== 1)
            throw new AppError('VALIDATION_FAILED', { field: 'budgetCount' }, '赠送名额不能少于已发放的数量');
        }
        await repo.updateCampaign(trx, c.office_id, id, {
          name: patch.name ?? c.name,
          sponsor: patch.sponsor ?? c.sponsor,
          start_date: startDate,
          end_date: endDate,
          eligibility_json: patch.eligibility ? JSON.stringify(patch.eligibility) : c.eligibility_json,
          updated_at: now,
        });
        await audit.record(trx, actor, {
          action: 'gift_campaign.update',
          objectType: 'gift_campaign',
          objectId: id,
          before: {
            name: c.name,
            sponsor: c.sponsor,
            budgetCount: c.budget_count,
            startDate: c.start_date,
            endDate: c.end_date,
            eligibility: parseEligibility(c),
          },
          after: patch,
        });
      });
      return toView((await repo.campaign(db, c.office_id, id))!);
    },

    async close(actor: Actor, id: string) {
      const c = await inScope(actor, id, 'gift.manage');
      if (c.status === 'closed') return toView(c);
      await db.transaction().execute(async (trx) => {
        if ((await repo.closeCampaign(trx, c.office_id, id, clock.iso())) === 1)
          await audit.record(trx, actor, {
            action: 'gift_campaign.close',
            objectType: 'gift_campaign',
            objectId: id,
            before: { status: 'open', granted: c.granted_count },
            after: { status: 'closed' },
          });
      });
      return toView((await repo.campaign(db, c.office_id, id))!);
    },

    /** `POST /m/enrolments` with `giftCampaignId`: the worker claims a gift (no payment). */
    async claim(actor: Actor, campaignId: string, channelCode: string | undefined): Promise<GigEnrolment> {
      const { officeId, memberId } = ownMember(actor);
      const campaign = await repo.campaign(db, officeId, campaignId);
      if (!campaign) throw new AppError('NOT_FOUND', { field: 'giftCampaignId' });
      let channel: { id: string; agency_id: string | null } | undefined;
      if (channelCode) {
        const c = await gigRepository.channelByCode(db, officeId, channelCode);
        if (c?.status !== 'open') throw new AppError('NOT_FOUND', { channelCode });
        channel = c;
        await gigRepository.setAccountChannel(db, actor.id, c.id);
      } else {
        const acc = await gigRepository.accountChannel(db, actor.id);
        if (acc?.channel_id)
          channel = await db
            .selectFrom('channel')
            .select(['id', 'agency_id'])
            .where('id', '=', acc.channel_id)
            .executeTakeFirst();
      }
      const m = await db
        .selectFrom('member')
        .leftJoin('unit', 'unit.id', 'member.unit_id')
        .select([
          'member.birth_date',
          'member.sex',
          'member.employment_kind',
          'member.gig_kind',
          'unit.agency_id as unit_agency_id',
        ])
        .where('member.office_id', '=', officeId)
        .where('member.id', '=', memberId)
        .executeTakeFirstOrThrow();
      // The worker's agency: the channel's (where they came from), else their unit's.
      const who: Recipient = {
        memberId,
        birthDate: m.birth_date,
        sex: m.sex as 'male' | 'female',
        employmentKind: (m.employment_kind as Recipient['employmentKind']) ?? null,
        gigKind: (m.gig_kind as Recipient['gigKind']) ?? null,
        agencyId: channel?.agency_id ?? m.unit_agency_id ?? null,
      };
      const { grantId } = await grantOne(actor, campaign, who, {
        source: 'app',
        channelId: channel?.id ?? null,
        accountId: actor.id,
      });
      return (await grantView(officeId, grantId))!;
    },

    /** A member's own gift, as `GET /m/enrolments/:id` answers it (null: not a gift of theirs). */
    async ownGrant(actor: Actor, id: string): Promise<GigEnrolment | null> {
      const { officeId, memberId } = ownMember(actor);
      const g = await repo.grant(db, officeId, id);
      if (!g || g.member_id !== memberId) return null;
      return grantView(officeId, id);
    },

    /** The gifts a channel's landing page shows: open, in period, open to the channel's agency. */
    async landingGifts(officeId: string, channelAgencyId: string | null) {
      const rows = await repo.claimableCampaigns(db, officeId, clock.today());
      return rows
        .filter((c) => {
          const agencies = parseEligibility(c).agencyIds ?? [];
          return agencies.length === 0 || (channelAgencyId !== null && agencies.includes(channelAgencyId));
        })
        .map((c) => ({
          campaignId: c.id,
          name: `${c.name}（${c.sponsor}）`,
          remaining: Math.max(0, c.budget_count - c.granted_count),
        }));
    },

    /** Gifts per channel in a period (the channel report's 赠险 column). */
    giftsPerChannel: (officeId: string, fromIso: string, toIso: string) =>
      repo.giftsPerChannel(reader, officeId, fromIso, toIso),

    /**
     * `POST /gift-campaigns/:id/grants`: a roster (xlsx, csv, xls, ods — the project's reader, its limits and its
     * row limit) of workers an industry union or agency collected; each valid row gets its gift in its own
     * transaction, exactly as a claim in the app; every row refused is reported with its Excel row, column, code and
     * Chinese message. Agency staff grant as their agency; the office may name the agency (`agencyId`).
     */
    async grantRoster(
      actor: Actor,
      id: string,
      file: string,
      fileName: string,
      fields: Record<string, string>,
      client?: AbortSignal,
    ): Promise<GiftGrantResult> {
      const c = await inScope(actor, id, 'gift.grant');
      const scope = scopeOf(actor);
      const closed = giftCampaignOpen(campaignState(c), clock.today());
      if (closed) throw new AppError(closed.code, { field: closed.field }, closed.message);
      let agencyId = scope.agencyId;
      if (!agencyId && fields.agencyId) {
        const a = await db
          .selectFrom('agency')
          .select('id')
          .where('office_id', '=', scope.officeId)
          .where('id', '=', fields.agencyId)
          .executeTakeFirst();
        if (!a) throw new AppError('VALIDATION_FAILED', { field: 'agencyId' }, '所选代办处不存在');
        agencyId = a.id;
      }
      const maxRows = config.rosterMaxRows;
      // Leaving the loop early (time limit, client gone) cancels the reading worker too.
      const sheet = await openSheetOffLoop(file, fileName, { header: giftRosterHeader, maxRows });
      requireColumns(sheet.headers, [giftRosterColumns.name, giftRosterColumns.idNumber]);
      const issues: RowIssue[] = [];
      let refused = 0;
      const note = (issue: RowIssue) => {
        refused += 1;
        if (issues.length < GIFT_ROSTER_ISSUES_MAX) issues.push(issue);
      };
      const seen = new Map<string, number>();
      let total = 0;
      let granted = 0;
      let exhausted = false;
      const today = clock.today();
      // Past the import time limit the rest of the file is left: each granted row is whole, and the same roster
      // uploaded again grants the rest (those already granted answer GIFT_ALREADY_CLAIMED).
      const deadline = performance.now() + config.importTimeoutMs;
      let stoppedAt: number | null = null;
      reading: for await (const batch of sheet.batches) {
        total += batch.length;
        if (total > maxRows) throw tooManyRows(maxRows);
        for (const { row, values } of batch) {
          if (performance.now() > deadline || client?.aborted) {
            stoppedAt = row;
            break reading;
          }
          const nameCell = values[giftRosterColumns.name] ?? '';
          const idCell = values[giftRosterColumns.idNumber] ?? '';
          if (!nameCell && !idCell) {
            total -= 1;
            continue;
          }
          const name = personName.safeParse(nameCell);
          if (!name.success) {
            note(rowIssue(row, giftRosterColumns.name, 'NAME_INVALID', 'error', `「${nameCell.slice(0, 30)}」`));
            continue;
          }
          const parsed = parseIdNumber(idCell, today);
          if (!parsed.ok) {
            note(rowIssue(row, giftRosterColumns.idNumber, parsed.error.code, 'error', ''));
            continue;
          }
          const idNumber = parsed.value.idNumber;
          const hash = cipher.blindIndex(idNumber);
          const first = seen.get(hash);
          if (first !== undefined) {
            note(rowIssue(row, giftRosterColumns.idNumber, 'DUPLICATE_IN_FILE', 'error', `与第 ${first} 行重复`));
            continue;
          }
          seen.set(hash, row);
          if (exhausted) {
            note(rowIssue(row, giftRosterColumns.idNumber, 'GIFT_EXHAUSTED', 'error', ''));
            continue;
          }
          const existing = await db
            .selectFrom('member')
            .leftJoin('unit', 'unit.id', 'member.unit_id')
            .select([
              'member.id',
              'member.name',
              'member.employment_kind',
              'member.gig_kind',
              'unit.agency_id as unit_agency_id',
            ])
            .where('member.office_id', '=', c.office_id)
            .where('member.id_number_hash', '=', hash)
            .executeTakeFirst();
          if (existing && existing.name !== name.data) {
            note(
              rowIssue(row, giftRosterColumns.name, 'NAME_INVALID', 'error', '姓名与该身份证号登记的会员信息不一致'),
            );
            continue;
          }
          const kindCell = values[giftRosterColumns.gigKind] ?? '';
          const mobileCell = values[giftRosterColumns.mobile] ?? '';
          const who: Recipient = existing
            ? {
                memberId: existing.id,
                birthDate: parsed.value.birthDate,
                sex: parsed.value.sex,
                employmentKind: (existing.employment_kind as Recipient['employmentKind']) ?? null,
                gigKind: (existing.gig_kind as Recipient['gigKind']) ?? null,
                agencyId: agencyId ?? existing.unit_agency_id ?? null,
              }
            : {
                memberId: null,
                birthDate: parsed.value.birthDate,
                sex: parsed.value.sex,
                employmentKind: 'gig',
                gigKind: gigKindByLabel[kindCell] ?? null,
                agencyId,
                newMember: {
                  name: name.data,
                  idNumberEnc: cipher.encrypt(idNumber),
                  idNumberHash: hash,
                  idNumberMasked: maskIdNumber(idNumber),
                  mobile: /^1[3-9]\d{9}$/.test(mobileCell) ? mobileCell : null,
                },
              };
          try {
            await grantOne(actor, c, who, { source: 'roster', channelId: null, accountId: null });
            granted += 1;
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            if (e.code === 'GIFT_EXHAUSTED') exhausted = true;
            const column = e.code === 'AGE_OUT_OF_RANGE' ? giftRosterColumns.idNumber : giftRosterColumns.name;
            note({ row, column, code: e.code, severity: 'error', message: e.message });
            if (e.code === 'GIFT_CAMPAIGN_CLOSED') exhausted = true;
          }
        }
      }
      if (stoppedAt !== null)
        issues.push({
          row: stoppedAt,
          column: giftRosterColumns.idNumber,
          code: 'IMPORT_CANCELLED',
          severity: 'error',
          message: `超过处理时限，第 ${stoppedAt} 行起未发放；请再次上传同一名单，已发放的不会重复发放`,
        });
      if (total === 0) throw new AppError('FILE_EMPTY');
      const after = (await repo.campaign(db, c.office_id, c.id))!;
      await audit.record(db, actor, {
        action: 'gift_campaign.roster_grant',
        objectType: 'gift_campaign',
        objectId: c.id,
        after: {
          fileName: fileName.slice(0, 120),
          totalRows: total,
          granted,
          refused,
          agencyId,
          stoppedAt,
          ...(stoppedAt !== null ? { stoppedBy: client?.aborted ? 'client-gone' : 'time-limit' } : {}),
        },
      });
      return {
        campaignId: c.id,
        totalRows: total,
        granted,
        refused,
        remaining: Math.max(0, after.budget_count - after.granted_count),
        issues,
      };
    },
  };
}

export type GiftCampaignService = ReturnType<typeof createGiftCampaignService>;
