import { z } from 'zod';
import { HealthAnswer } from '../schemas/common.ts';
import { ClaimDetail, ClaimMaterial, ClaimQueue } from '../schemas/claim.schema.ts';
import { Certificate, CertificateCheck } from '../schemas/enrolment.schema.ts';
import { ChannelLanding, GigEnrolment, GigRenewalOffers } from '../schemas/gig.schema.ts';
import {
  FaceResult,
  FaqList,
  MemberBankAccount,
  MemberProfile,
  MemberSession,
  MyPolicies,
  RealNameStarted,
} from '../schemas/member-app.schema.ts';
import { Complaint, ComplaintPage, type MemberComplaintBody } from '../schemas/complaint.schema.ts';
import { MemberRelief, MemberReliefPage } from '../schemas/member-relief.schema.ts';
import { endpoint, formData, noContent, shape } from './endpoint.ts';

/** The member app's endpoints (api.md "Member app and gig enrolment"), under /api/v1. */
export const memberEndpoints = {
  sendCode: endpoint({
    method: 'POST',
    path: '/m/auth/sms-code',
    response: noContent,
    body: shape<{ mobile: string }>(),
  }),
  login: endpoint({
    method: 'POST',
    path: '/m/auth/login',
    response: MemberSession,
    body: shape<{ mobile: string; code: string }>(),
  }),
  me: endpoint({ method: 'GET', path: '/m/auth/me', response: MemberSession }),
  logout: endpoint({ method: 'POST', path: '/m/auth/logout', response: noContent }),
  startRealName: endpoint({
    method: 'POST',
    path: '/m/real-name',
    response: RealNameStarted,
    body: shape<{ name: string; idNumber: string }>(),
  }),
  /** The body is the camera photo (field `photo`) for the demo verifier, none for a provider's own flow. */
  finishFace: endpoint({
    method: 'POST',
    path: '/m/real-name/:id/face',
    response: FaceResult,
    body: shape<FormData | undefined>(),
  }),
  profile: endpoint({ method: 'GET', path: '/m/me', response: MemberProfile }),
  policies: endpoint({ method: 'GET', path: '/m/me/policies', response: MyPolicies }),
  certificate: endpoint({ method: 'GET', path: '/m/me/policies/:id/certificate', response: Certificate }),
  setBankAccount: endpoint({
    method: 'PUT',
    path: '/m/me/bank-account',
    response: MemberBankAccount,
    body: shape<{ bankName: string; accountNumber: string }>(),
  }),
  claims: endpoint({
    method: 'GET',
    path: '/m/claims',
    response: ClaimQueue,
    query: shape<{ page?: number; pageSize?: number }>(),
  }),
  claim: endpoint({ method: 'GET', path: '/m/claims/:id', response: ClaimDetail }),
  fileClaim: endpoint({
    method: 'POST',
    path: '/m/claims',
    response: ClaimDetail,
    body: shape<Record<string, unknown>>(),
  }),
  /** Fields `slot` and `file`. */
  uploadMaterial: endpoint({
    method: 'POST',
    path: '/m/claims/:id/materials',
    response: ClaimMaterial,
    body: formData,
  }),
  resubmit: endpoint({ method: 'POST', path: '/m/claims/:id/resubmit', response: ClaimDetail, body: shape<object>() }),
  faq: endpoint({ method: 'GET', path: '/m/faq', response: FaqList, query: shape<{ q?: string }>() }),
  complaints: endpoint({
    method: 'GET',
    path: '/m/complaints',
    response: ComplaintPage,
    query: shape<{ pageSize?: number }>(),
  }),
  complaint: endpoint({ method: 'GET', path: '/m/complaints/:id', response: Complaint }),
  relief: endpoint({
    method: 'GET',
    path: '/m/relief',
    response: MemberReliefPage,
    query: shape<{ pageSize?: number }>(),
  }),
  reliefOne: endpoint({ method: 'GET', path: '/m/relief/:id', response: MemberRelief }),
  fileComplaint: endpoint({
    method: 'POST',
    path: '/m/complaints',
    response: Complaint,
    body: shape<MemberComplaintBody>(),
  }),
  verifyCertificate: endpoint({ method: 'GET', path: '/public/certificates/:code', response: CertificateCheck }),
  channel: endpoint({ method: 'GET', path: '/m/channels/:code', response: ChannelLanding }),
  attributeChannel: endpoint({
    method: 'POST',
    path: '/m/me/channel',
    response: z.unknown(),
    body: shape<{ code: string }>(),
  }),
  enrol: endpoint({
    method: 'POST',
    path: '/m/enrolments',
    response: GigEnrolment,
    body: shape<{ productCode: string; shares?: number; channelCode?: string; giftCampaignId?: string }>(),
  }),
  enrolment: endpoint({ method: 'GET', path: '/m/enrolments/:id', response: GigEnrolment }),
  demoPay: endpoint({
    method: 'POST',
    path: '/m/payments/:id/demo-pay',
    response: GigEnrolment,
    body: shape<object>(),
  }),
  renewals: endpoint({ method: 'GET', path: '/m/me/renewals', response: GigRenewalOffers }),
  renew: endpoint({
    method: 'POST',
    path: '/m/me/renewals',
    response: GigEnrolment,
    body: shape<{ policyId: string }>(),
  }),
  health: endpoint({ method: 'GET', path: '/health', response: HealthAnswer }),
};
