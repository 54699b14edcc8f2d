import {
  ClaimDecisionBody,
  ClaimDetail,
  ClaimListQuery,
  ClaimQueue,
  IdParam,
  LoginBody,
  LoginResponse,
  NoteBody,
  SmsOutboxPage,
  SmsOutboxQuery,
} from '@huzhu/core';
import { endpoint } from '../endpoint.ts';

/**
 * The staff endpoints the typed client covers so far (sign-in, the claim queue and its decisions, the SMS records).
 * The console moves onto this client endpoint by endpoint; each is defined here once, from core's schemas.
 */
export const staffApi = {
  login: endpoint('POST', '/auth/login', { body: LoginBody, response: LoginResponse, authProbe: true }),
  me: endpoint('GET', '/auth/me', { response: LoginResponse, authProbe: true }),
  logout: endpoint('POST', '/auth/logout', { endsSession: true }),

  claims: endpoint('GET', '/claims', { query: ClaimListQuery, response: ClaimQueue }),
  claim: endpoint('GET', '/claims/:id', { params: IdParam, response: ClaimDetail }),
  acceptClaim: endpoint('POST', '/claims/:id/accept', { params: IdParam, body: NoteBody, response: ClaimDetail }),
  decideClaim: endpoint('POST', '/claims/:id/decision', {
    params: IdParam,
    body: ClaimDecisionBody,
    response: ClaimDetail,
  }),

  smsOutbox: endpoint('GET', '/sms-outbox', { query: SmsOutboxQuery, response: SmsOutboxPage }),
} as const;
