import type { z } from 'zod';
import { ChannelLanding, GigEnrolment } from '../schemas/gig.schema.ts';
import { ClaimDetail, ClaimMaterial, ClaimQueue, type SmsOutboxPage } from '../schemas/claim.schema.ts';
import { Certificate, CertificateCheck } from '../schemas/enrolment.schema.ts';
import {
  FaceResult,
  FaqList,
  MemberBankAccount,
  MemberProfile,
  MemberSession,
  MyPolicies,
  RealNameStarted,
} from '../schemas/member-app.schema.ts';
import { MemberRelief, MemberReliefPage } from '../schemas/member-relief.schema.ts';

/**
 * The one typed client of the member-app API (api.md "Member app and gig enrolment"), built on the zod schemas the
 * server answers with: every answer is parsed, so the H5 and the e2e tests never retype a response. It needs only
 * `fetch` (present in WeChat's browser and in Node 20); the CSRF token of the session is kept here.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Schema<T> = { parse(v: unknown): T };
const NoContent: Schema<void> = { parse: () => undefined };

export function createMemberApiClient(
  opts: { baseUrl?: string; fetch?: typeof fetch; headers?: () => Record<string, string> } = {},
) {
  const base = `${opts.baseUrl ?? ''}/api/v1`;
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let csrf = '';

  async function call<T>(method: string, path: string, schema: Schema<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers?.() ?? {}) };
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { method, headers, body: payload, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
    }
    const text = await res.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const e = (json ?? {}) as { code?: string; message?: string; details?: unknown };
      throw new ApiError(
        res.status,
        e.code ?? `HTTP_${res.status}`,
        e.message ?? '服务暂时不可用，请稍后再试',
        e.details,
      );
    }
    return schema.parse(json);
  }
  const remember = (s: z.infer<typeof MemberSession>) => {
    csrf = s.csrfToken;
    return s;
  };

  return {
    sendCode: (mobile: string) => call('POST', '/m/auth/sms-code', NoContent, { mobile }),
    login: async (mobile: string, code: string) =>
      remember(await call('POST', '/m/auth/login', MemberSession, { mobile, code })),
    me: async () => remember(await call('GET', '/m/auth/me', MemberSession)),
    logout: async () => {
      await call('POST', '/m/auth/logout', NoContent);
      csrf = '';
    },
    startRealName: (name: string, idNumber: string) =>
      call('POST', '/m/real-name', RealNameStarted, { name, idNumber }),
    finishFace: (verificationId: string, photo?: Blob) => {
      const form = photo ? new FormData() : undefined;
      if (form && photo) form.append('photo', photo, 'face.jpg');
      return call('POST', `/m/real-name/${encodeURIComponent(verificationId)}/face`, FaceResult, form);
    },
    profile: () => call('GET', '/m/me', MemberProfile),
    policies: () => call('GET', '/m/me/policies', MyPolicies),
    certificate: (policyId: string) =>
      call('GET', `/m/me/policies/${encodeURIComponent(policyId)}/certificate`, Certificate),
    setBankAccount: (bankName: string, accountNumber: string) =>
      call('PUT', '/m/me/bank-account', MemberBankAccount, { bankName, accountNumber }),
    claims: () => call('GET', '/m/claims?pageSize=100', ClaimQueue),
    claim: (id: string) => call('GET', `/m/claims/${encodeURIComponent(id)}`, ClaimDetail),
    fileClaim: (body: Record<string, unknown>) => call('POST', '/m/claims', ClaimDetail, body),
    uploadMaterial: (claimId: string, slot: number, file: Blob, name = 'photo.jpg') => {
      const form = new FormData();
      form.append('slot', String(slot));
      form.append('file', file, name);
      return call('POST', `/m/claims/${encodeURIComponent(claimId)}/materials`, ClaimMaterial, form);
    },
    resubmit: (claimId: string) => call('POST', `/m/claims/${encodeURIComponent(claimId)}/resubmit`, ClaimDetail, {}),
    relief: () => call('GET', '/m/relief?pageSize=100', MemberReliefPage),
    reliefOne: (id: string) => call('GET', `/m/relief/${encodeURIComponent(id)}`, MemberRelief),
    faq: (q: string) => call('GET', `/m/faq${q ? `?q=${encodeURIComponent(q)}` : ''}`, FaqList),
    verifyCertificate: (code: string) =>
      call('GET', `/public/certificates/${encodeURIComponent(code)}`, CertificateCheck),
    // gig self-enrolment
    channel: (code: string) => call('GET', `/m/channels/${encodeURIComponent(code)}`, ChannelLanding),
    attributeChannel: (code: string) => call('POST', '/m/me/channel', { parse: (v: unknown) => v }, { code }),
    enrol: (body: { productCode: string; shares?: number; channelCode?: string }) =>
      call('POST', '/m/enrolments', GigEnrolment, body),
    enrolment: (id: string) => call('GET', `/m/enrolments/${encodeURIComponent(id)}`, GigEnrolment),
    demoPay: (id: string) => call('POST', `/m/payments/${encodeURIComponent(id)}/demo-pay`, GigEnrolment, {}),
  };
}
export type MemberApiClient = ReturnType<typeof createMemberApiClient>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type CertificateView = z.infer<typeof Certificate>;
export type CertificateCheckView = z.infer<typeof CertificateCheck>;
export type MemberClaimList = z.infer<typeof ClaimQueue>;
export type MemberProfileView = z.infer<typeof MemberProfile>;
export type SmsOutboxPageView = z.infer<typeof SmsOutboxPage>;
