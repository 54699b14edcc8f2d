import { maskName, policyStatus } from '@huzhu/core';
import QRCode from 'qrcode';
import type { Actor } from '../access/actor.ts';
import { memberInScope, type OrgScope, requirePermission, scopeOf, unitInScope } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { PolicyRow } from '../db/tables.ts';
import { AppError } from '../errors.ts';
import { memberPolicyPage } from '../repositories/policy.repository.ts';

type PolicyWithNames = PolicyRow & { product_name: string };

function toPolicy(p: PolicyWithNames, today: string) {
  return {
    id: p.id,
    memberId: p.member_id,
    unitId: p.unit_id,
    productCode: p.product_code,
    productName: p.product_name,
    productVersionId: p.product_version_id,
    shares: p.shares,
    feeFen: p.fee_fen,
    startDate: p.start_date,
    endDate: p.end_date,
    waitingEndDate: p.waiting_end_date,
    accidentWaitingEndDate: p.accident_waiting_end_date,
    status: policyStatus(
      { state: p.state, startDate: p.start_date, endDate: p.end_date, waitingEndDate: p.waiting_end_date },
      today,
    ),
    continuous: p.continuous === 1,
    renewalOf: p.renewal_of,
    batchId: p.batch_id,
    certificateCode: p.certificate_code,
  };
}

export function createPolicyService({ db, clock, audit }: ServiceDeps) {
  const memberVisible = async (scope: OrgScope, memberId: string) =>
    !!(await db
      .selectFrom('member')
      .select('id')
      .where((eb) => eb.and([eb('member.id', '=', memberId), memberInScope(eb, scope)]))
      .executeTakeFirst());

  const withProduct = () =>
    db
      .selectFrom('policy')
      .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
      .selectAll('policy')
      .select('product_version.name as product_name');

  return {
    async forMember(actor: Actor, memberId: string, page: { page: number; pageSize: number }) {
      requirePermission(actor, 'member.read');
      const scope = scopeOf(actor);
      if (!(await memberVisible(scope, memberId))) throw new AppError('NOT_FOUND');
      const { items, total } = await memberPolicyPage(db, scope.officeId, memberId, page);
      const today = clock.today();
      return { items: items.map((r) => toPolicy(r, today)), total, page: page.page, pageSize: page.pageSize };
    },

    /** The unit's coverage on a date: per product members, shares, fees and participation; and the policies in force. */
    async unitCoverage(actor: Actor, unitId: string, q: { asOf?: string; page: number; pageSize: number }) {
      requirePermission(actor, 'policy.read');
      const scope = scopeOf(actor);
      const unit = await db
        .selectFrom('unit')
        .selectAll()
        .where((eb) => eb.and([eb('unit.id', '=', unitId), unitInScope(eb, scope)]))
        .executeTakeFirst();
      if (!unit) throw new AppError('NOT_FOUND');
      const asOf = q.asOf ?? clock.today();
      const inForce = db
        .selectFrom('policy')
        .where('policy.office_id', '=', scope.officeId)
        .where('policy.unit_id', '=', unitId)
        .where('policy.state', '!=', 'cancelled')
        .where('policy.start_date', '<=', asOf)
        .where('policy.end_date', '>=', asOf);
      const byProduct = await inForce
        .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
        .select((eb) => [
          'policy.product_code',
          eb.fn.max('product_version.name').as('product_name'),
          eb.fn.countAll<number>().as('members'),
          eb.fn.sum<number>('policy.shares').as('shares'),
          eb.fn.sum<number>('policy.fee_fen').as('fee_fen'),
        ])
        .groupBy('policy.product_code')
        .orderBy('policy.product_code')
        .execute();
      const [rows, count] = await Promise.all([
        inForce
          .innerJoin('member', 'member.id', 'policy.member_id')
          .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
          .selectAll('policy')
          .select(['product_version.name as product_name', 'member.name as member_name', 'member.id_number_masked'])
          .orderBy('member.name')
          .orderBy('policy.product_code')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        inForce.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        unitId,
        asOf,
        headcount: unit.headcount,
        femaleHeadcount: unit.female_headcount,
        products: byProduct.map((p) => ({
          productCode: p.product_code,
          productName: String(p.product_name),
          members: Number(p.members),
          shares: Number(p.shares),
          feeFen: Number(p.fee_fen),
          participationBp: unit.headcount > 0 ? Math.floor((Number(p.members) * 10_000) / unit.headcount) : null,
        })),
        policies: {
          items: rows.map((r) => ({
            ...toPolicy(r, asOf),
            memberName: r.member_name,
            idNumberMasked: r.id_number_masked,
          })),
          total: Number(count.n),
          page: q.page,
          pageSize: q.pageSize,
        },
      };
    },

    /** The printable certificate (参保凭证): masked data and a QR code of the public verification address. */
    async certificate(actor: Actor, policyId: string, origin: string) {
      requirePermission(actor, 'policy.read');
      const scope = scopeOf(actor);
      const row = await withProduct()
        .innerJoin('member', 'member.id', 'policy.member_id')
        .leftJoin('unit', 'unit.id', 'policy.unit_id')
        .innerJoin('office', 'office.id', 'policy.office_id')
        .select([
          'member.name as member_name',
          'member.id_number_masked',
          'unit.name as unit_name',
          'office.name as office_name',
        ])
        .where('policy.office_id', '=', scope.officeId)
        .where('policy.id', '=', policyId)
        .executeTakeFirst();
      if (!row || !(await memberVisible(scope, row.member_id))) throw new AppError('NOT_FOUND');
      const verifyUrl = `${origin}/m/#/verify/${row.certificate_code}`;
      await audit.record(db, actor, { action: 'policy.certificate', objectType: 'policy', objectId: policyId });
      return {
        policy: toPolicy(row, clock.today()),
        memberName: row.member_name,
        idNumberMasked: row.id_number_masked,
        unitName: row.unit_name,
        officeName: row.office_name,
        verifyUrl,
        qrSvg: await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
      };
    },

    /** Anyone may verify a certificate code; the answer carries no personal data beyond a masked name. */
    async verify(code: string) {
      const row = await db
        .selectFrom('policy')
        .innerJoin('product_version', 'product_version.id', 'policy.product_version_id')
        .innerJoin('member', 'member.id', 'policy.member_id')
        .innerJoin('office', 'office.id', 'policy.office_id')
        .select([
          'policy.state',
          'policy.start_date',
          'policy.end_date',
          'policy.waiting_end_date',
          'product_version.name as product_name',
          'member.name as member_name',
          'office.name as office_name',
        ])
        .where('policy.certificate_code', '=', code)
        .executeTakeFirst();
      if (!row) return { genuine: false as const };
      const status = policyStatus(
        { state: row.state, startDate: row.start_date, endDate: row.end_date, waitingEndDate: row.waiting_end_date },
        clock.today(),
      );
      return {
        genuine: true as const,
        inForce: status === 'active' || status === 'waiting',
        status,
        maskedName: maskName(row.member_name),
        productName: row.product_name,
        officeName: row.office_name,
        startDate: row.start_date,
        endDate: row.end_date,
      };
    },
  };
}
