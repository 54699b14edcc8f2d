import { can, type Permission, type Role, rosterColumns } from '@huzhu/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../src/http/fastify-types.ts';
import { expectOk, files, inpatientClaim, newPolicy, uploadSlots } from './helpers/claims-factory.ts';
import { buildScopeWorld, type CallerName, type ScopeWorld } from './helpers/scope-world.ts';
import { type Agent, createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';
import { type MemberAgent, memberLogin, verifyRealName } from './helpers/member-app.ts';
import { multipartBody, xlsxOf } from './helpers/upload.ts';

/**
 * The scope matrix, generated from the route table the app registers: every API route × every role, in and out of
 * scope. A role without the route's permission gets 403 FORBIDDEN; a caller with it gets 404 NOT_FOUND for every
 * object outside its scope (reads and writes, with a body that passes validation so the scope check is reached)
 * and 200 for a read of an object inside it. Every route needs its row below — a new route cannot ship without
 * saying which object its path names and how to call it.
 */

/** What a route's path (or, for creations, its body) points at. */
type ObjectKind =
  | 'unit'
  | 'member'
  | 'claim'
  | 'material'
  | 'batch'
  | 'policy'
  | 'payout'
  | 'campaign'
  | 'user'
  | 'token'
  | 'faq'
  | 'relief'
  | 'hardship'
  | 'reliefBatch'
  | 'channel'
  | 'gigOrder'
  | 'giftCampaign'
  | 'complaint'
  | 'training'
  | 'outreachEvent'
  | 'expansionTarget'
  | 'enrolmentPayment';

interface Row {
  /** The object the `:id` names (or the body names, for creations under a parent). */
  object?: ObjectKind;
  /** A payload that passes validation, for the object `id`. */
  body?: (id: string) => unknown;
  /** A multipart upload that passes the route's checks up to the scope check. */
  upload?: () => Promise<{ payload: Buffer; headers: Record<string, string> }>;
}

const roster = async () =>
  multipartBody(
    {
      name: 'roster.xlsx',
      content: await xlsxOf([
        Object.values(rosterColumns),
        ['赵一', makeIdNumber('1986-03-02'), '13800000001', 1, '在职', '是'],
      ]),
    },
    { productCode: 'MED', startDate: '2026-07-01' },
  );
const jpeg = async () => multipartBody({ name: 'scan.jpg', content: files.jpeg }, { slot: '1' });
const giftRoster = async () =>
  multipartBody({
    name: 'gifts.xlsx',
    content: await xlsxOf([
      ['姓名', '身份证号'],
      ['赵一', makeIdNumber('1990-03-02')],
    ]),
  });
const csv = async () => multipartBody({ name: 'results.csv', content: 'claimId,status\r\n' });

const CLAIM_FACTS = {
  kind: 'inpatient',
  cause: 'illness',
  eventDate: '2026-05-10',
  admissionDate: '2026-05-10',
  dischargeDate: '2026-05-20',
  totalExpensesFen: 2_000_000,
  selfPaidFen: 800_000,
  hospital: '重庆医科大学附属第一医院',
};
const reliefBody = (memberId: string) => ({
  memberId,
  category: 'accident',
  eventDate: '2026-05-01',
  reason: '意外受伤',
});

const complaintBody = (memberId: string, claimId: string) => ({
  memberId,
  kind: 'complaint',
  subjectKind: 'claim',
  subjectId: claimId,
  content: '申领迟迟没有结果。',
});

const rows: Record<string, Row> = {
  'GET /api/v1/health': {},
  'POST /api/v1/auth/login': {},
  'POST /api/v1/auth/logout': {},
  'GET /api/v1/auth/me': {},
  'GET /api/v1/agencies': {},
  'GET /api/v1/units': {},
  'GET /api/v1/units/:id': { object: 'unit' },
  'POST /api/v1/units': {},
  'GET /api/v1/registry-imports/template': {},
  'POST /api/v1/registry-imports': {},
  'GET /api/v1/members': {},
  'GET /api/v1/members/:id': { object: 'member' },
  'POST /api/v1/members': {
    object: 'unit',
    body: (unitId) => ({ name: '钱二', idNumber: makeIdNumber('1990-01-01'), unitId }),
  },
  'POST /api/v1/members/:id/reveal': { object: 'member' },
  'POST /api/v1/members/:id/transfer': { object: 'member', body: () => ({ unitId: 'x', fromDate: '2026-07-01' }) },
  'GET /api/v1/users': {},
  'POST /api/v1/users': {},
  'GET /api/v1/security-alerts': {},
  'PATCH /api/v1/users/:id': { object: 'user', body: () => ({ displayName: '改名' }) },
  'GET /api/v1/api-tokens': {},
  'POST /api/v1/api-tokens': {},
  'DELETE /api/v1/api-tokens/:id': { object: 'token' },
  'GET /api/v1/audit': {},
  'GET /api/v1/products': {},
  'GET /api/v1/products/:code': {},
  'GET /api/v1/products/:code/versions': {},
  'POST /api/v1/products/:code/versions': {},
  'GET /api/v1/roster-imports/template': {},
  'POST /api/v1/units/:id/roster-imports': { object: 'unit', upload: roster },
  'GET /api/v1/enrolment-batches': {},
  'GET /api/v1/enrolment-batches/:id': { object: 'batch' },
  'GET /api/v1/enrolment-batches/:id/items': { object: 'batch' },
  'GET /api/v1/enrolment-batches/:id/errors.xlsx': { object: 'batch' },
  'POST /api/v1/enrolment-batches/:id/submit': { object: 'batch' },
  'POST /api/v1/enrolment-batches/:id/approve': { object: 'batch', body: () => ({}) },
  'POST /api/v1/enrolment-batches/:id/return': { object: 'batch', body: () => ({ reason: '材料不全' }) },
  'POST /api/v1/enrolment-batches/:id/payments': {
    object: 'batch',
    body: () => ({ amountFen: 100, paidOn: '2026-06-14', bankReference: 'R-1' }),
  },
  'POST /api/v1/units/:id/renewals': { object: 'unit', body: () => ({ productCode: 'MED' }) },
  'POST /api/v1/enrolment-payments': {
    object: 'unit',
    body: (unitId) => ({
      unitId,
      batchIds: ['0190cccc-0000-7000-8000-000000000000'],
      amountFen: 100,
      paidOn: '2026-06-14',
      bankReference: 'MATRIX-1',
    }),
  },
  'GET /api/v1/enrolment-payments': {},
  'GET /api/v1/enrolment-payments/:id': { object: 'enrolmentPayment' },
  'POST /api/v1/enrolment-payments/:id/resolve': {
    object: 'enrolmentPayment',
    body: () => ({ action: 'return', note: '已退回单位' }),
  },
  'GET /api/v1/units/:id/coverage': { object: 'unit' },
  'GET /api/v1/policies/:id/certificate': { object: 'policy' },
  'GET /api/v1/public/certificates/:code': {},
  'GET /api/v1/members/:id/policies': { object: 'member' },
  'POST /api/v1/claims': { object: 'member', body: (memberId) => inpatientClaim(memberId) },
  'GET /api/v1/claims': {},
  'GET /api/v1/claims/:id': { object: 'claim' },
  'POST /api/v1/claims/:id/precheck': { object: 'claim', body: () => ({}) },
  'POST /api/v1/claims/:id/accept': { object: 'claim' },
  'POST /api/v1/claims/:id/return': { object: 'claim', body: () => ({ reason: '材料不清晰' }) },
  'POST /api/v1/claims/:id/decision': { object: 'claim', body: () => ({ decision: 'reject', reason: '不符合条件' }) },
  'POST /api/v1/claims/:id/resubmit': { object: 'claim' },
  'POST /api/v1/claims/:id/materials': { object: 'claim', upload: jpeg },
  'GET /api/v1/claims/:id/materials/:materialId': { object: 'material' },
  'GET /api/v1/sms-outbox': {},
  'GET /api/v1/notifications': {},
  'POST /api/v1/payout-batches': {},
  'GET /api/v1/payout-batches': {},
  'GET /api/v1/payout-claims': {},
  'GET /api/v1/payout-batches/:id': { object: 'payout' },
  'GET /api/v1/payout-batches/:id/file': { object: 'payout' },
  'GET /api/v1/payout-batches/:id/items': { object: 'payout' },
  'POST /api/v1/payout-batches/:id/results': {
    object: 'payout',
    body: () => [{ claimId: '0190aaaa-0000-7000-8000-000000000000', status: 'paid' }],
  },
  'POST /api/v1/payout-batches/:id/results-file': { object: 'payout', upload: csv },
  'PATCH /api/v1/members/:id/bank-account': {
    object: 'member',
    body: () => ({ bankName: '中国银行重庆分行', accountNumber: '6216610000000000001' }),
  },
  'GET /api/v1/reports/summary': {},
  'GET /api/v1/reports/enrolment-structure': {},
  'GET /api/v1/reports/trends': {},
  'POST /api/v1/reports/campaigns': {},
  'GET /api/v1/reports/campaigns': {},
  'GET /api/v1/reports/campaigns/:id': { object: 'campaign' },
  'PATCH /api/v1/reports/campaigns/:id': { object: 'campaign', body: () => ({ name: '改名行动' }) },
  'GET /api/v1/reports/campaigns/:id/report': { object: 'campaign' },
  'GET /api/v1/reports/renewal': {},
  'GET /api/v1/reports/renewal/expiring': {},
  'GET /api/v1/reports/claims-operations': {},
  'GET /api/v1/reports/fund-health': {},
  'GET /api/v1/enrolment-batches/:id/issues': { object: 'batch' },
  'GET /api/v1/faq': {},
  'POST /api/v1/faq': {},
  'PUT /api/v1/faq/:id': {
    object: 'faq',
    body: () => ({ question: '如何申领住院补助？', answer: '出院后在会员端提交三份材料即可。', category: 'claims' }),
  },
  // The member app: member sessions only; a member reaches their own rows and nobody else's.
  'POST /api/v1/m/auth/sms-code': {},
  'POST /api/v1/m/auth/login': {},
  'GET /api/v1/m/auth/me': {},
  'POST /api/v1/m/auth/logout': {},
  'POST /api/v1/m/real-name': {},
  'POST /api/v1/m/real-name/:verificationId/face': {},
  'GET /api/v1/m/me': {},
  'GET /api/v1/m/me/policies': {},
  'GET /api/v1/m/me/policies/:id/certificate': { object: 'policy' },
  'PUT /api/v1/m/me/bank-account': {},
  'POST /api/v1/m/claims': {
    object: 'policy',
    body: (policyId) => ({ ...inpatientClaim('x'), memberId: undefined, policyId }),
  },
  'GET /api/v1/m/claims': {},
  'GET /api/v1/m/claims/:id': { object: 'claim' },
  'POST /api/v1/m/claims/:id/resubmit': { object: 'claim' },
  'POST /api/v1/m/claims/:id/materials': { object: 'claim', upload: jpeg },
  'GET /api/v1/m/faq': {},
  'GET /api/v1/m/relief': {},
  'GET /api/v1/m/relief/:id': { object: 'relief' },
  // Relief and condolence.
  'GET /api/v1/claims/:id/relief': { object: 'claim' },
  'GET /api/v1/relief': {},
  'GET /api/v1/relief/:id': { object: 'relief' },
  'GET /api/v1/relief/:id/materials': { object: 'relief' },
  'POST /api/v1/relief': { object: 'member', body: (memberId) => reliefBody(memberId) },
  'POST /api/v1/relief/estimate': { object: 'member', body: (memberId) => ({ memberId, claim: CLAIM_FACTS }) },
  'POST /api/v1/relief/:id/review': { object: 'relief', body: () => ({ decision: 'reject', reason: '材料不全' }) },
  'POST /api/v1/relief/:id/decision': { object: 'relief', body: () => ({ decision: 'reject', reason: '不符合条件' }) },
  'POST /api/v1/relief/:id/resubmit': { object: 'relief' },
  'POST /api/v1/relief/:id/confirm': { object: 'relief' },
  'POST /api/v1/relief/:id/dismiss': { object: 'relief', body: () => ({ reason: '无需慰问' }) },
  'POST /api/v1/relief/:id/materials': { object: 'relief', upload: jpeg },
  'GET /api/v1/hardship-files': {},
  'POST /api/v1/hardship-files': {
    object: 'member',
    body: (memberId) => ({ memberId, level: 'general', reason: '家庭困难', openedOn: '2026-06-01' }),
  },
  'POST /api/v1/hardship-files/:id/review': {
    object: 'hardship',
    body: () => ({ outcome: 'continue', note: '继续帮扶' }),
  },
  'GET /api/v1/relief-batches': {},
  'POST /api/v1/relief-batches': {},
  'POST /api/v1/relief-batches/file': {},
  'POST /api/v1/relief-batches/:id/decision': {
    object: 'reliefBatch',
    body: () => ({ decision: 'reject', reason: '名单有误' }),
  },
  'GET /api/v1/relief-categories': {},
  'PUT /api/v1/relief-categories/:code': {},
  'PUT /api/v1/relief-settings': {},
  'GET /api/v1/reports/relief': {},
  // Gig orders: a member's own order (200) and never another member's (404); the notification is public.
  'POST /api/v1/m/enrolments': {},
  'GET /api/v1/m/enrolments/:id': { object: 'gigOrder' },
  'POST /api/v1/m/enrolments/:id/cancel': { object: 'gigOrder' },
  'POST /api/v1/m/payments/:enrolmentId/demo-pay': { object: 'gigOrder' },
  'POST /api/v1/payments/wechat/notify': {},
  // Renewal: the member's own policies (gig-renewal.test.ts proves another member's is 404).
  'GET /api/v1/m/me/renewals': {},
  'POST /api/v1/m/me/renewals': {},
  'POST /api/v1/payments/wechat/refund-notify': {},
  // Channels: an agency's own.
  'POST /api/v1/channels': {},
  'GET /api/v1/channels': {},
  'GET /api/v1/channels/:id': { object: 'channel' },
  'POST /api/v1/channels/:id/close': { object: 'channel' },
  'GET /api/v1/channels/:id/poster': { object: 'channel' },
  'GET /api/v1/channels/:id/queue': { object: 'channel' },
  'GET /api/v1/m/channels/:code': {},
  'POST /api/v1/m/me/channel': {},
  'GET /api/v1/reports/channels': {},
  // Gift cover campaigns: the office's; one bound to an agency is outside the other agencies' scope.
  'POST /api/v1/gift-campaigns': {},
  'GET /api/v1/gift-campaigns': {},
  'GET /api/v1/gift-campaigns/grant-template': {},
  'GET /api/v1/gift-campaigns/:id': { object: 'giftCampaign' },
  'PATCH /api/v1/gift-campaigns/:id': { object: 'giftCampaign', body: () => ({ name: '改名活动' }) },
  'POST /api/v1/gift-campaigns/:id/close': { object: 'giftCampaign' },
  'POST /api/v1/gift-campaigns/:id/grants': { object: 'giftCampaign', upload: giftRoster },
  // Complaints: through the agency of the object they are about; a member files and reads their own.
  'POST /api/v1/complaints': { object: 'member', body: (memberId) => complaintBody(memberId, 'x') },
  'GET /api/v1/complaints': {},
  'GET /api/v1/complaints/:id': { object: 'complaint' },
  'POST /api/v1/complaints/:id/answer': { object: 'complaint', body: () => ({ answer: '已核实，正在加急处理。' }) },
  'POST /api/v1/m/complaints': {
    object: 'claim',
    body: (claimId) => ({
      kind: 'complaint',
      subjectKind: 'claim',
      subjectId: claimId,
      content: '审核太慢了，请加快。',
    }),
  },
  'GET /api/v1/m/complaints': {},
  'GET /api/v1/m/complaints/:id': { object: 'complaint' },
  // Trainings and outreach events: an agency's own.
  'POST /api/v1/trainings': {},
  'GET /api/v1/trainings': {},
  'DELETE /api/v1/trainings/:id': { object: 'training' },
  'POST /api/v1/outreach-events': {},
  'GET /api/v1/outreach-events': {},
  'DELETE /api/v1/outreach-events/:id': { object: 'outreachEvent' },
  'GET /api/v1/reports/outreach': {},
  // Targeted expansion: an agency's target units (a unit of another agency cannot be assigned).
  'GET /api/v1/expansion/candidates': {},
  'POST /api/v1/expansion/targets': {
    object: 'unit',
    body: (unitId) => ({ unitIds: [unitId], assigneeId: 'x', source: 'not_enrolled' }),
  },
  'GET /api/v1/expansion/targets': {},
  'GET /api/v1/expansion/assignees': {},
  'GET /api/v1/expansion/targets/:id': { object: 'expansionTarget' },
  'POST /api/v1/expansion/targets/:id/contacts': {
    object: 'expansionTarget',
    body: () => ({ contactedOn: '2026-06-15', method: 'call', outcome: 'interested' }),
  },
  'GET /api/v1/reports/expansion': {},
};

/** Where an object sits: its office, and for business rows its agency, unit and member. */
interface Place {
  office: 'A' | 'B';
  agency?: 'a1' | 'a2' | 'b';
  unit?: 'u1' | 'u1b' | 'u2' | 'b';
  member?: string;
}
type Placed = { id: string; place: Place; url?: string };

const callerPlace: Record<CallerName, Partial<Place> | null> = {
  admin: { office: 'A' },
  reviewer: { office: 'A' },
  finance: { office: 'A' },
  agencyA1: { office: 'A', agency: 'a1' },
  agencyA2: { office: 'A', agency: 'a2' },
  unitU1: { office: 'A', agency: 'a1', unit: 'u1' },
  unitU2: { office: 'A', agency: 'a2', unit: 'u2' },
  adminB: { office: 'B' },
  agencyB: { office: 'B', agency: 'b' },
  national: null,
  member: null,
};

/** The scope rule the matrix holds the app to: an object is visible when it sits inside the caller's place. */
function visible(caller: CallerName, kind: ObjectKind, o: Place): boolean {
  const c = callerPlace[caller];
  if (!c) return false;
  if (c.office !== o.office) return false;
  // A campaign names its agencies; office-level objects (users, tokens, payout batches) have none.
  if (kind === 'campaign' || kind === 'giftCampaign') return !c.agency || !o.agency || c.agency === o.agency;
  if (c.agency && o.agency && c.agency !== o.agency) return false;
  if (c.unit && o.unit !== c.unit) return false;
  return true;
}

let ctx: TestContext;
let w: ScopeWorld;
let table: RouteEntry[];
let members: Record<'m1' | 'm2', MemberAgent>;
let memberIds: Record<'m1' | 'm2', string>;
const objects = {} as Record<ObjectKind, Placed[]>;

async function fileClaim(agent: Agent, memberId: string) {
  const claim = expectOk(await agent.post('/api/v1/claims', inpatientClaim(memberId)), 201);
  await uploadSlots(agent, claim.id, [1]);
  const detail = expectOk(await agent.get(`/api/v1/claims/${claim.id}`));
  return { claimId: claim.id as string, materialId: detail.materials[0].id as string };
}

beforeAll(async () => {
  ctx = await createTestContext({ now: '2026-06-15T02:00:00Z' });
  w = await buildScopeWorld(ctx);
  table = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
  const { u1, u2, bUnit } = w.units;
  const { m1, m2, bMember } = w.members;
  const { a1, bAgency } = w.agencies;
  const c = w.callers;
  const pA1: Place = { office: 'A', agency: 'a1', unit: 'u1', member: m1.id };
  const pA2: Place = { office: 'A', agency: 'a2', unit: 'u2', member: m2.id };
  const pB: Place = { office: 'B', agency: 'b', unit: 'b', member: bMember.id };

  objects.unit = [
    { id: u1.id, place: pA1 },
    { id: u2.id, place: pA2 },
    { id: bUnit.id, place: pB },
  ];
  objects.member = [
    { id: m1.id, place: pA1 },
    { id: m2.id, place: pA2 },
    { id: bMember.id, place: pB },
  ];
  const policies = [
    await newPolicy(ctx, {
      memberId: m1.id,
      productCode: 'MED',
      startDate: '2025-06-01',
      unitId: u1.id,
      agencyId: a1.id,
    }),
    await newPolicy(ctx, {
      memberId: m2.id,
      productCode: 'MED',
      startDate: '2025-06-01',
      unitId: u2.id,
      agencyId: w.agencies.a2.id,
    }),
    await newPolicy(ctx, {
      memberId: bMember.id,
      productCode: 'MED',
      startDate: '2025-06-01',
      unitId: bUnit.id,
      agencyId: bAgency.id,
      officeId: w.officeB.id,
    }),
  ];
  objects.policy = policies.map((p, i) => ({ id: p.id, place: [pA1, pA2, pB][i]! }));

  const claims = [
    await fileClaim(c.unitU1, m1.id),
    await fileClaim(c.unitU2, m2.id),
    await fileClaim(c.agencyB, bMember.id),
  ];
  objects.claim = claims.map((cl, i) => ({ id: cl.claimId, place: [pA1, pA2, pB][i]! }));
  objects.material = claims.map((cl, i) => ({
    id: cl.materialId,
    place: [pA1, pA2, pB][i]!,
    url: `/api/v1/claims/${cl.claimId}/materials/${cl.materialId}`,
  }));

  const upload = async (agent: Agent, unitId: string) => {
    const body = await roster();
    const batch = expectOk(
      await agent.inject({
        method: 'POST',
        url: `/api/v1/units/${unitId}/roster-imports`,
        payload: body.payload,
        headers: body.headers,
      }),
      201,
    );
    return batch.id as string;
  };
  objects.batch = [
    { id: await upload(c.unitU1, u1.id), place: pA1 },
    { id: await upload(c.unitU2, u2.id), place: pA2 },
    { id: await upload(c.agencyB, bUnit.id), place: pB },
  ];

  // Office-level objects: a payout batch, a user and an API token in each office; campaigns name agencies.
  const officeObjects = async (admin: Agent, finance: Agent, office: 'A' | 'B') => {
    const user = expectOk(
      await admin.post('/api/v1/users', {
        username: `matrix_${office.toLowerCase()}${Date.now()}`,
        displayName: '测试用户',
        role: 'office_reviewer',
        password: 'Zq7!matrix-test-pass',
      }),
      201,
    );
    const token = expectOk(
      await admin.post('/api/v1/api-tokens', { name: `集成${office}`, role: 'office_reviewer' }),
      201,
    );
    return { user: user.id as string, token: token.id as string, finance };
  };
  const financeB = await ctx.as('office_finance', { office_id: w.officeB.id });
  const oa = await officeObjects(c.admin, c.finance, 'A');
  const ob = await officeObjects(c.adminB, financeB, 'B');
  objects.user = [
    { id: oa.user, place: { office: 'A' } },
    { id: ob.user, place: { office: 'B' } },
  ];
  objects.token = [
    { id: oa.token, place: { office: 'A' } },
    { id: ob.token, place: { office: 'B' } },
  ];
  const payoutBatch = async (officeId: string, createdBy: string) => {
    const id = `0190bbbb-0000-7000-8000-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`;
    await ctx.handle.db
      .insertInto('payout_batch')
      .values({
        id,
        office_id: officeId,
        status: 'open',
        item_count: 0,
        total_fen: 0,
        created_by: createdBy,
        created_at: '2026-06-15T02:00:00.000Z',
        exported_at: null,
        closed_at: null,
      })
      .execute();
    return id;
  };
  objects.payout = [
    { id: await payoutBatch(ctx.office.id, c.finance.user.id), place: { office: 'A' } },
    { id: await payoutBatch(w.officeB.id, financeB.user.id), place: { office: 'B' } },
  ];
  // A held enrolment payment (待核对) of a unit in each office, recorded by that office's finance clerk.
  const heldPayment = async (officeId: string, unitId: string, createdBy: string) => {
    const id = `0190dddd-0000-7000-8000-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`;
    await ctx.handle.db
      .insertInto('enrolment_payment')
      .values({
        id,
        office_id: officeId,
        unit_id: unitId,
        amount_fen: 100,
        expected_fen: 200,
        difference_fen: -100,
        paid_on: '2026-06-14',
        bank_reference: `HELD-${id.slice(-12)}`,
        status: 'held',
        hold_reason: 'short',
        note: null,
        created_by: createdBy,
        created_at: '2026-06-15T02:00:00.000Z',
      })
      .execute();
    return id;
  };
  objects.enrolmentPayment = [
    { id: await heldPayment(ctx.office.id, u1.id, c.finance.user.id), place: pA1 },
    { id: await heldPayment(w.officeB.id, bUnit.id, financeB.user.id), place: pB },
  ];
  const campaign = async (admin: Agent, agencyIds: string[]) =>
    expectOk(
      await admin.post('/api/v1/reports/campaigns', {
        name: '扩面行动',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        agencyIds,
        targets: { units: 10, members: 100, contributionsFen: 1_000_000 },
      }),
      201,
    ).id as string;
  objects.campaign = [
    { id: await campaign(c.admin, [a1.id]), place: { office: 'A', agency: 'a1' } },
    { id: await campaign(c.adminB, []), place: { office: 'B' } },
  ];
  const faq = async (admin: Agent) =>
    expectOk(
      await admin.post('/api/v1/faq', {
        question: '灵活就业人员能参加吗？',
        answer: '新就业形态劳动者可在会员端自行参保。',
        category: 'enrolment',
      }),
      201,
    ).id as string;
  objects.faq = [
    { id: await faq(c.admin), place: { office: 'A' } },
    { id: await faq(c.adminB), place: { office: 'B' } },
  ];
  // Relief: an application and a hardship file per member, a holiday batch per office.
  const relief = async (agent: Agent, memberId: string) =>
    expectOk(await agent.post('/api/v1/relief', reliefBody(memberId)), 201).id as string;
  const hardship = async (agent: Agent, memberId: string) =>
    expectOk(
      await agent.post('/api/v1/hardship-files', {
        memberId,
        level: 'serious',
        reason: '大病致困',
        openedOn: '2026-05-01',
      }),
      201,
    ).id as string;
  objects.relief = [
    { id: await relief(c.unitU1, m1.id), place: pA1 },
    { id: await relief(c.unitU2, m2.id), place: pA2 },
    { id: await relief(c.agencyB, bMember.id), place: pB },
  ];
  objects.hardship = [
    { id: await hardship(c.agencyA1, m1.id), place: pA1 },
    { id: await hardship(c.agencyA2, m2.id), place: pA2 },
    { id: await hardship(c.agencyB, bMember.id), place: pB },
  ];
  const holiday = async (admin: Agent, memberId: string) =>
    expectOk(
      await admin.post('/api/v1/relief-batches', {
        category: 'holiday',
        name: '端午慰问',
        eventDate: '2026-05-20',
        memberIds: [memberId],
      }),
      201,
    ).id as string;
  objects.reliefBatch = [
    { id: await holiday(c.admin, m1.id), place: { office: 'A' } },
    { id: await holiday(c.adminB, bMember.id), place: { office: 'B' } },
  ];
  // QR channels belong to an agency.
  const channel = async (agent: Agent, name: string) =>
    expectOk(await agent.post('/api/v1/channels', { name, kind: 'station' }), 201).id as string;
  objects.channel = [
    { id: await channel(c.agencyA1, '江北骑手驿站'), place: { office: 'A', agency: 'a1' } },
    { id: await channel(c.agencyA2, '万州骑手驿站'), place: { office: 'A', agency: 'a2' } },
    { id: await channel(c.agencyB, '贵阳骑手驿站'), place: { office: 'B', agency: 'b' } },
  ];
  // Gift campaigns: one bound to agency a1, one office-wide, one of office B.
  const gift = async (admin: Agent, eligibility: object) =>
    expectOk(
      await admin.post('/api/v1/gift-campaigns', {
        name: '骑手赠险',
        sponsor: '某平台',
        budgetCount: 10,
        startDate: '2026-06-01',
        endDate: '2026-12-31',
        eligibility,
      }),
      201,
    ).id as string;
  objects.giftCampaign = [
    { id: await gift(c.admin, { agencyIds: [a1.id] }), place: { office: 'A', agency: 'a1' } },
    { id: await gift(c.admin, {}), place: { office: 'A' } },
    { id: await gift(c.adminB, {}), place: { office: 'B' } },
  ];
  // Complaints: filed by the agency for each member about their own claim.
  const complaint = async (agent: Agent, memberId: string, claimId: string) =>
    expectOk(await agent.post('/api/v1/complaints', complaintBody(memberId, claimId)), 201).id as string;
  objects.complaint = [
    { id: await complaint(c.agencyA1, m1.id, claims[0]!.claimId), place: pA1 },
    { id: await complaint(c.agencyA2, m2.id, claims[1]!.claimId), place: pA2 },
    { id: await complaint(c.agencyB, bMember.id, claims[2]!.claimId), place: pB },
  ];
  // Trainings and outreach events belong to an agency.
  const training = async (agent: Agent) =>
    expectOk(
      await agent.post('/api/v1/trainings', {
        date: '2026-06-01',
        place: '区工会会议室',
        organiser: '区总工会',
        topic: '职工互助保障政策解读',
        attendees: 40,
      }),
      201,
    ).id as string;
  const event = async (agent: Agent) =>
    expectOk(
      await agent.post('/api/v1/outreach-events', {
        date: '2026-06-02',
        place: '观音桥广场',
        kind: 'booth',
        attendees: 120,
        consultations: 35,
      }),
      201,
    ).id as string;
  objects.training = [
    { id: await training(c.agencyA1), place: { office: 'A', agency: 'a1' } },
    { id: await training(c.agencyA2), place: { office: 'A', agency: 'a2' } },
    { id: await training(c.agencyB), place: { office: 'B', agency: 'b' } },
  ];
  objects.outreachEvent = [
    { id: await event(c.agencyA1), place: { office: 'A', agency: 'a1' } },
    { id: await event(c.agencyA2), place: { office: 'A', agency: 'a2' } },
    { id: await event(c.agencyB), place: { office: 'B', agency: 'b' } },
  ];
  // Expansion targets: each agency assigns its unit to its own staff.
  const target = async (agent: Agent, unitId: string) =>
    expectOk(
      await agent.post('/api/v1/expansion/targets', {
        unitIds: [unitId],
        assigneeId: agent.user.id,
        source: 'low_shares',
      }),
      201,
    ).ids[0] as string;
  objects.expansionTarget = [
    { id: await target(c.agencyA1, u1.id), place: { office: 'A', agency: 'a1' } },
    { id: await target(c.agencyA2, u2.id), place: { office: 'A', agency: 'a2' } },
    { id: await target(c.agencyB, bUnit.id), place: { office: 'B', agency: 'b' } },
  ];
  // Two members signed in to the member app, each bound by real name to a member of office A.
  members = {
    m1: await memberLogin(ctx, '13900000001'),
    m2: await memberLogin(ctx, '13900000002'),
  };
  await verifyRealName(members.m1, m1.name, m1.idNumber);
  await verifyRealName(members.m2, m2.name, m2.idNumber);
  memberIds = { m1: m1.id, m2: m2.id };
  // A gig order (awaiting payment) of each member-app member.
  const gigOrder = async (m: MemberAgent) =>
    expectOk(await m.post('/api/v1/m/enrolments', { productCode: 'GIG' }), 201).id as string;
  objects.gigOrder = [
    { id: await gigOrder(members.m1), place: pA1 },
    { id: await gigOrder(members.m2), place: pA2 },
  ];
}, 120_000);
afterAll(() => ctx.close());

/** Whether the caller's role holds the route's permission (public and signed-in routes: everyone). */
const mayCall = (caller: Agent, r: RouteEntry) =>
  r.auth !== 'member' &&
  (!r.auth || r.auth === 'public' || r.auth === 'signed-in' || can(caller.user.role as Role, r.auth as Permission));
const callerNames = (): CallerName[] => Object.keys(w.callers) as CallerName[];
const key = (r: RouteEntry) => `${r.method} ${r.url}`;
const urlFor = (r: RouteEntry, o: Placed) =>
  o.url ?? r.url.replace(/:(id|enrolmentId)\b/, o.id).replace(/:[a-zA-Z]+/g, 'x');

async function call(agent: Agent, r: RouteEntry, url: string, row: Row, id: string): Promise<LightMyRequestResponse> {
  const up = row.upload ? await row.upload() : null;
  return agent.inject({
    method: r.method as 'GET',
    url,
    ...(up ? { payload: up.payload, headers: up.headers } : row.body ? { payload: row.body(id) as object } : {}),
  });
}

describe('the scope matrix (route table × role × scope)', () => {
  it('every registered route has its row, and every row a route', () => {
    const registered = table.map(key).sort();
    expect(registered.filter((k) => !(k in rows))).toEqual([]);
    expect(Object.keys(rows).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it('a role without the route’s permission gets 403 FORBIDDEN, whatever the object', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of table) {
      const auth = r.auth;
      if (!auth || auth === 'public' || auth === 'signed-in' || auth === 'member') continue;
      const row = rows[key(r)] ?? {};
      for (const name of callerNames()) {
        const caller = w.callers[name];
        if (can(caller.user.role as Role, auth as Permission)) continue;
        const target = row.object ? objects[row.object][0]! : { id: 'x', place: { office: 'A' as const } };
        const url = row.object && row.body === undefined && !r.url.includes(':id') ? r.url : urlFor(r, target);
        const res = await call(caller, r, url, row, target.id);
        checked++;
        if (res.statusCode !== 403 || res.json().code !== 'FORBIDDEN')
          wrong.push(`${name} ${key(r)} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('a caller with the permission gets 404 NOT_FOUND for every object outside its scope, and nothing changes', async () => {
    const wrong: string[] = [];
    let checked = 0;
    const before = await ctx.handle.db
      .selectFrom('audit_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const r of table) {
      const row = rows[key(r)];
      if (!row?.object) continue;
      for (const name of callerNames()) {
        const caller = w.callers[name];
        if (!mayCall(caller, r)) continue;
        for (const o of objects[row.object]) {
          if (visible(name, row.object, o.place)) continue;
          const creation = !r.url.includes(':id') && row.object !== 'material';
          const res = await call(caller, r, creation ? r.url : urlFor(r, o), row, o.id);
          checked++;
          if (res.statusCode !== 404 || res.json().code !== 'NOT_FOUND')
            wrong.push(
              `${name} ${key(r)} on ${row.object} of ${JSON.stringify(o.place)} → ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(200);
    const after = await ctx.handle.db
      .selectFrom('audit_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a caller with the permission reads every object inside its scope (200)', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of table) {
      const row = rows[key(r)];
      if (r.method !== 'GET' || !row?.object) continue;
      for (const name of callerNames()) {
        const caller = w.callers[name];
        if (!mayCall(caller, r)) continue;
        for (const o of objects[row.object]) {
          if (!visible(name, row.object, o.place)) continue;
          const res = await caller.get(urlFor(r, o));
          checked++;
          if (res.statusCode !== 200) wrong.push(`${name} ${key(r)} on ${JSON.stringify(o.place)} → ${res.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('member-app routes: a staff session is not a member session (401 UNAUTHENTICATED)', async () => {
    const wrong: string[] = [];
    for (const r of table.filter((t) => t.auth === 'member')) {
      for (const name of callerNames()) {
        const res = await w.callers[name].inject({ method: r.method as 'GET', url: r.url.replace(/:[a-zA-Z]+/g, 'x') });
        if (res.statusCode !== 401 || res.json().code !== 'UNAUTHENTICATED')
          wrong.push(`${name} ${key(r)} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('member-app routes: a member reaches their own policies, claims and gig orders (200) and nobody else’s (404)', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of table.filter((t) => t.auth === 'member')) {
      const row = rows[key(r)];
      if (!row?.object) continue;
      for (const who of ['m1', 'm2'] as const) {
        for (const o of objects[row.object]) {
          const own = o.place.member === memberIds[who];
          if (own && r.method !== 'GET') continue;
          const creation = !/:(id|enrolmentId)\b/.test(r.url);
          const up = row.upload ? await row.upload() : null;
          const res = await members[who].inject({
            method: r.method as 'GET',
            url: creation ? r.url : urlFor(r, o),
            ...(up
              ? { payload: up.payload, headers: up.headers }
              : row.body
                ? { payload: row.body(o.id) as object }
                : {}),
          });
          checked++;
          const expected = own ? 200 : 404;
          if (res.statusCode !== expected)
            wrong.push(`${who} ${key(r)} on ${JSON.stringify(o.place)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
    // Another member's cancel or payment changed nothing: each order still awaits its own member's payment.
    for (const [who, o] of [
      ['m1', objects.gigOrder[0]!],
      ['m2', objects.gigOrder[1]!],
    ] as const)
      expect(expectOk(await members[who].get(`/api/v1/m/enrolments/${o.id}`)).status).toBe('awaiting_payment');
  });
});
