import type { z } from 'zod';
import type { SmsOutboxPage } from '../schemas/claim.schema.ts';
import type { Certificate, CertificateCheck } from '../schemas/enrolment.schema.ts';
import type { ClaimQueue } from '../schemas/claim.schema.ts';
import type { MemberProfile, MemberSession } from '../schemas/member-app.schema.ts';
import type { MemberComplaintBody } from '../schemas/complaint.schema.ts';
import { createApiClient, createFetchTransport, type Transport } from './client.ts';
import { memberEndpoints as e } from './member-endpoints.ts';

/** A member's own lists (claims, relief, complaints) are read in one page of this many; the app says when there are more. */
export const MEMBER_LIST_MAX = 100;

export { ApiError } from './client.ts';

/**
 * The member app's client (api.md "Member app and gig enrolment") on the one typed API client: every answer is
 * parsed with the schema the server answers with, so the H5 and the e2e tests never retype a response. It needs
 * only `fetch` (present in WeChat's browser and in Node 20); the CSRF token of the session is kept here.
 */
export function createMemberApiClient(
  opts: { baseUrl?: string; fetch?: typeof fetch; headers?: () => Record<string, string>; transport?: Transport } = {},
) {
  let csrf = '';
  const transport =
    opts.transport ??
    createFetchTransport({ baseUrl: opts.baseUrl, fetch: opts.fetch, headers: opts.headers, csrfToken: () => csrf });
  const { call } = createApiClient(transport);
  const remember = (s: z.infer<typeof MemberSession>) => {
    csrf = s.csrfToken;
    return s;
  };
  const id = (value: string) => ({ id: value });

  return {
    sendCode: (mobile: string) => call(e.sendCode, { body: { mobile } }),
    login: async (mobile: string, code: string) => remember(await call(e.login, { body: { mobile, code } })),
    me: async () => remember(await call(e.me)),
    logout: async () => {
      await call(e.logout);
      csrf = '';
    },
    startRealName: (name: string, idNumber: string) => call(e.startRealName, { body: { name, idNumber } }),
    finishFace: (verificationId: string, photo?: Blob) => {
      const form = photo ? new FormData() : undefined;
      if (form && photo) form.append('photo', photo, 'face.jpg');
      return call(e.finishFace, { params: id(verificationId), body: form });
    },
    profile: () => call(e.profile),
    policies: () => call(e.policies),
    certificate: (policyId: string) => call(e.certificate, { params: id(policyId) }),
    setBankAccount: (bankName: string, accountNumber: string) =>
      call(e.setBankAccount, { body: { bankName, accountNumber } }),
    claims: () => call(e.claims, { query: { pageSize: MEMBER_LIST_MAX } }),
    claim: (claimId: string) => call(e.claim, { params: id(claimId) }),
    fileClaim: (body: Record<string, unknown>) => call(e.fileClaim, { body }),
    uploadMaterial: (claimId: string, slot: number, file: Blob, name = 'photo.jpg') => {
      const form = new FormData();
      form.append('slot', String(slot));
      form.append('file', file, name);
      return call(e.uploadMaterial, { params: id(claimId), body: form });
    },
    resubmit: (claimId: string) => call(e.resubmit, { params: id(claimId), body: {} }),
    faq: (q: string) => call(e.faq, { query: { q } }),
    relief: () => call(e.relief, { query: { pageSize: MEMBER_LIST_MAX } }),
    reliefOne: (reliefId: string) => call(e.reliefOne, { params: id(reliefId) }),
    // complaints and feedback (意见与投诉): the member's own
    complaints: () => call(e.complaints, { query: { pageSize: MEMBER_LIST_MAX } }),
    complaint: (complaintId: string) => call(e.complaint, { params: id(complaintId) }),
    fileComplaint: (body: MemberComplaintBody) => call(e.fileComplaint, { body }),
    verifyCertificate: (code: string, signal?: AbortSignal) => call(e.verifyCertificate, { params: { code }, signal }),
    health: (signal?: AbortSignal) => call(e.health, { signal }),
    // gig self-enrolment
    channel: (code: string) => call(e.channel, { params: { code } }),
    attributeChannel: (code: string) => call(e.attributeChannel, { body: { code } }),
    enrol: (body: { productCode: string; shares?: number; channelCode?: string; giftCampaignId?: string }) =>
      call(e.enrol, { body }),
    // one-tap renewal of a gig worker's own cover
    renewals: () => call(e.renewals),
    renew: (policyId: string) => call(e.renew, { body: { policyId } }),
    enrolment: (enrolmentId: string) => call(e.enrolment, { params: id(enrolmentId) }),
    demoPay: (enrolmentId: string) => call(e.demoPay, { params: id(enrolmentId), body: {} }),
  };
}
export type MemberApiClient = ReturnType<typeof createMemberApiClient>;

export type CertificateView = z.infer<typeof Certificate>;
export type CertificateCheckView = z.infer<typeof CertificateCheck>;
export type MemberClaimList = z.infer<typeof ClaimQueue>;
export type MemberProfileView = z.infer<typeof MemberProfile>;
export type SmsOutboxPageView = z.infer<typeof SmsOutboxPage>;
