import { z } from 'zod';
import {
  ApiTokenListQuery,
  ApiTokenPage,
  AuditPage,
  AuditQuery,
  CreateApiTokenBody,
  CreatedApiToken,
  CreateUserBody,
  SecurityAlertList,
  SecurityAlertQuery,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
} from '../schemas/admin.schema.ts';
import { LoginBody, LoginResponse } from '../schemas/auth.schema.ts';
import {
  ClaimDecisionBody,
  ClaimDetail,
  ClaimListQuery,
  ClaimMaterial,
  ClaimQueue,
  FileClaimBody,
  NoteBody,
  ReasonBody,
  SmsOutboxPage,
  SmsOutboxQuery,
} from '../schemas/claim.schema.ts';
import { Paging } from '../schemas/common.ts';
import {
  EnrolmentPayment,
  EnrolmentPaymentBody,
  EnrolmentPaymentListQuery,
  EnrolmentPaymentPage,
  ResolvePaymentBody,
} from '../schemas/enrolment-payment.schema.ts';
import {
  ApproveBatchBody,
  Batch,
  BatchIssuePage,
  BatchItemPage,
  BatchListQuery,
  BatchPage,
  Certificate,
  CertificateCheck,
  CoverageQuery,
  PaymentBody,
  PolicyPage,
  RenewalBody,
  ReturnBatchBody,
  UnitCoverage,
} from '../schemas/enrolment.schema.ts';
import { FaqBody, FaqEntry, FaqList } from '../schemas/member-app.schema.ts';
import { MemberDetail, MemberListQuery, MemberPage, RevealResponse } from '../schemas/member.schema.ts';
import {
  AgencyListQuery,
  AgencyPage,
  CreateUnitBody,
  RegistryImportResult,
  Unit,
  UnitListQuery,
  UnitPage,
} from '../schemas/org.schema.ts';
import { ProductListQuery, ProductPage, ProductParams, ProductVersionSchema } from '../products/product.schema.ts';
import { endpoint, formData, noContent, type QueryValue, type Schema, shape } from './endpoint.ts';

/** A query string with the keys of the route's query schema (values as the URL carries them). */
const queryOf = <S extends { _output: unknown }>(_schema: S): Schema<{ [K in keyof S['_output']]?: QueryValue }> =>
  shape();

/**
 * The staff API the console calls (api.md), under /api/v1, each with the core schemas its route answers with.
 * Areas still called through the console's plain `http` helper (relief, channels, payouts, reports) are not here yet.
 */
export const staffEndpoints = {
  // auth
  login: endpoint({ method: 'POST', path: '/auth/login', response: LoginResponse, body: LoginBody }),
  me: endpoint({ method: 'GET', path: '/auth/me', response: LoginResponse }),
  logout: endpoint({ method: 'POST', path: '/auth/logout', response: noContent }),
  // admin
  users: endpoint({ method: 'GET', path: '/users', response: UserPage, query: queryOf(UserListQuery) }),
  createUser: endpoint({ method: 'POST', path: '/users', response: User, body: CreateUserBody }),
  updateUser: endpoint({ method: 'PATCH', path: '/users/:id', response: User, body: UpdateUserBody }),
  securityAlerts: endpoint({
    method: 'GET',
    path: '/security-alerts',
    response: SecurityAlertList,
    query: queryOf(SecurityAlertQuery),
  }),
  tokens: endpoint({ method: 'GET', path: '/api-tokens', response: ApiTokenPage, query: queryOf(ApiTokenListQuery) }),
  createToken: endpoint({ method: 'POST', path: '/api-tokens', response: CreatedApiToken, body: CreateApiTokenBody }),
  revokeToken: endpoint({ method: 'DELETE', path: '/api-tokens/:id', response: noContent }),
  audit: endpoint({ method: 'GET', path: '/audit', response: AuditPage, query: queryOf(AuditQuery) }),
  // organisation
  agencies: endpoint({ method: 'GET', path: '/agencies', response: AgencyPage, query: queryOf(AgencyListQuery) }),
  units: endpoint({ method: 'GET', path: '/units', response: UnitPage, query: queryOf(UnitListQuery) }),
  unit: endpoint({ method: 'GET', path: '/units/:id', response: Unit }),
  createUnit: endpoint({ method: 'POST', path: '/units', response: Unit, body: CreateUnitBody }),
  /** Field `file`. */
  importRegistry: endpoint({
    method: 'POST',
    path: '/registry-imports',
    response: RegistryImportResult,
    body: formData,
  }),
  // members
  members: endpoint({ method: 'GET', path: '/members', response: MemberPage, query: queryOf(MemberListQuery) }),
  member: endpoint({ method: 'GET', path: '/members/:id', response: MemberDetail }),
  revealMember: endpoint({ method: 'POST', path: '/members/:id/reveal', response: RevealResponse }),
  // products
  products: endpoint({ method: 'GET', path: '/products', response: ProductPage, query: queryOf(ProductListQuery) }),
  product: endpoint({ method: 'GET', path: '/products/:code', response: ProductVersionSchema }),
  productVersions: endpoint({
    method: 'GET',
    path: '/products/:code/versions',
    response: z.array(ProductVersionSchema),
  }),
  publishProduct: endpoint({
    method: 'POST',
    path: '/products/:code/versions',
    response: ProductVersionSchema,
    body: ProductParams,
  }),
  // enrolment
  /** Fields `productCode`, `startDate`, `file`; header `idempotency-key`. */
  importRoster: endpoint({ method: 'POST', path: '/units/:id/roster-imports', response: Batch, body: formData }),
  batches: endpoint({ method: 'GET', path: '/enrolment-batches', response: BatchPage, query: queryOf(BatchListQuery) }),
  batch: endpoint({ method: 'GET', path: '/enrolment-batches/:id', response: Batch }),
  batchItems: endpoint({
    method: 'GET',
    path: '/enrolment-batches/:id/items',
    response: BatchItemPage,
    query: queryOf(Paging),
  }),
  batchIssues: endpoint({
    method: 'GET',
    path: '/enrolment-batches/:id/issues',
    response: BatchIssuePage,
    query: queryOf(Paging),
  }),
  submitBatch: endpoint({ method: 'POST', path: '/enrolment-batches/:id/submit', response: Batch }),
  approveBatch: endpoint({
    method: 'POST',
    path: '/enrolment-batches/:id/approve',
    response: Batch,
    body: ApproveBatchBody,
  }),
  returnBatch: endpoint({
    method: 'POST',
    path: '/enrolment-batches/:id/return',
    response: Batch,
    body: ReturnBatchBody,
  }),
  payBatch: endpoint({ method: 'POST', path: '/enrolment-batches/:id/payments', response: Batch, body: PaymentBody }),
  renew: endpoint({ method: 'POST', path: '/units/:id/renewals', response: Batch, body: RenewalBody }),
  // bank transfers for several batches of a unit, short or excess ones held to reconcile
  recordPayment: endpoint({
    method: 'POST',
    path: '/enrolment-payments',
    response: EnrolmentPayment,
    body: EnrolmentPaymentBody,
  }),
  payments: endpoint({
    method: 'GET',
    path: '/enrolment-payments',
    response: EnrolmentPaymentPage,
    query: queryOf(EnrolmentPaymentListQuery),
  }),
  payment: endpoint({ method: 'GET', path: '/enrolment-payments/:id', response: EnrolmentPayment }),
  resolvePayment: endpoint({
    method: 'POST',
    path: '/enrolment-payments/:id/resolve',
    response: EnrolmentPayment,
    body: ResolvePaymentBody,
  }),
  coverage: endpoint({
    method: 'GET',
    path: '/units/:id/coverage',
    response: UnitCoverage,
    query: queryOf(CoverageQuery),
  }),
  memberPolicies: endpoint({
    method: 'GET',
    path: '/members/:id/policies',
    response: PolicyPage,
    query: queryOf(Paging),
  }),
  certificate: endpoint({ method: 'GET', path: '/policies/:id/certificate', response: Certificate }),
  checkCertificate: endpoint({ method: 'GET', path: '/public/certificates/:code', response: CertificateCheck }),
  // claims
  claims: endpoint({ method: 'GET', path: '/claims', response: ClaimQueue, query: queryOf(ClaimListQuery) }),
  claim: endpoint({ method: 'GET', path: '/claims/:id', response: ClaimDetail }),
  fileClaim: endpoint({ method: 'POST', path: '/claims', response: ClaimDetail, body: FileClaimBody }),
  /** Fields `slot`, `file`. */
  uploadClaimMaterial: endpoint({
    method: 'POST',
    path: '/claims/:id/materials',
    response: ClaimMaterial,
    body: formData,
  }),
  precheckClaim: endpoint({ method: 'POST', path: '/claims/:id/precheck', response: ClaimDetail, body: NoteBody }),
  acceptClaim: endpoint({ method: 'POST', path: '/claims/:id/accept', response: ClaimDetail }),
  returnClaim: endpoint({ method: 'POST', path: '/claims/:id/return', response: ClaimDetail, body: ReasonBody }),
  decideClaim: endpoint({
    method: 'POST',
    path: '/claims/:id/decision',
    response: ClaimDetail,
    body: ClaimDecisionBody,
  }),
  resubmitClaim: endpoint({ method: 'POST', path: '/claims/:id/resubmit', response: ClaimDetail, body: NoteBody }),
  smsOutbox: endpoint({ method: 'GET', path: '/sms-outbox', response: SmsOutboxPage, query: queryOf(SmsOutboxQuery) }),
  // 政策问答 (office admins)
  faqEntries: endpoint({ method: 'GET', path: '/faq', response: FaqList }),
  createFaq: endpoint({ method: 'POST', path: '/faq', response: FaqEntry, body: FaqBody }),
  updateFaq: endpoint({ method: 'PUT', path: '/faq/:id', response: FaqEntry, body: FaqBody }),
};
