import {
  BankAccountBody,
  Certificate,
  ClaimDetail,
  ClaimMaterial,
  ClaimQueue,
  FaceResult,
  FaqList,
  FaqQuery,
  IdParam,
  MemberBankAccount,
  MemberClaimBody,
  MemberLoginBody,
  MemberProfile,
  MemberRelief,
  MemberReliefPage,
  MemberSession,
  MyPolicies,
  NoteBody,
  Paging,
  RealNameBody,
  RealNameStarted,
  SmsCodeBody,
} from '@huzhu/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StagedFile } from '../adapters/file-storage.ts';
import { AppError } from '../errors.ts';
import { MEMBER_COOKIE } from '../http/auth-hooks.ts';
import { MATERIAL_MAX_BYTES } from '../services/claim-materials.service.ts';
import { ownMember } from '../services/member-app.service.ts';
import { actorOf, type RouteDeps, typed } from './route-kit.ts';

const tags = ['member app'];
const auth = 'member' as const;
/** The camera photo of the face step: a compressed phone photo is far smaller. */
const FACE_PHOTO_MAX_BYTES = 8 * 1024 * 1024;

/** The member app's API (api.md "Member app and gig enrolment"): everything a member sees is their own. */
export function memberAppRoutes(app: FastifyInstance, { services }: RouteDeps, opts: { secureCookies: boolean }) {
  const r = typed(app);
  const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  r.post(
    '/m/auth/sms-code',
    {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, body: SmsCodeBody },
    },
    async (req, reply) => {
      await services.memberAuth.sendCode(req.body.mobile, req.ip);
      return reply.status(204).send();
    },
  );

  r.post(
    '/m/auth/login',
    {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, body: MemberLoginBody, response: { 200: MemberSession } },
    },
    async (req, reply) => {
      const result = await services.memberAuth.login(req.body.mobile, req.body.code, req.ip);
      reply.setCookie(MEMBER_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies,
        expires: result.expiresAt,
      });
      return { member: result.member, csrfToken: result.csrfToken };
    },
  );

  r.get('/m/auth/me', { config: { auth }, schema: { tags, response: { 200: MemberSession } } }, (req) => {
    if (!req.memberAccount || !req.csrfToken) throw new AppError('UNAUTHENTICATED');
    return { member: req.memberAccount, csrfToken: req.csrfToken };
  });

  r.post('/m/auth/logout', { config: { auth }, schema: { tags } }, async (req, reply) => {
    const cookie = req.cookies[MEMBER_COOKIE];
    if (cookie) await services.memberAuth.logout(cookie);
    reply.clearCookie(MEMBER_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  // ---------- real name ----------

  r.post(
    '/m/real-name',
    {
      config: { auth, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, body: RealNameBody, response: { 200: RealNameStarted } },
    },
    (req) => services.memberRealName.start(actorOf(req), req.body, origin(req)),
  );

  r.post(
    '/m/real-name/:verificationId/face',
    {
      config: { auth, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, params: z.object({ verificationId: z.string().min(1).max(64) }), response: { 200: FaceResult } },
    },
    async (req) => {
      const photoHead = req.isMultipart() ? await readPhotoHead(req) : null;
      return services.memberRealName.finish(actorOf(req), req.params.verificationId, photoHead);
    },
  );

  // ---------- me ----------

  r.get('/m/me', { config: { auth }, schema: { tags, response: { 200: MemberProfile } } }, async (req) => {
    if (!req.memberAccount) throw new AppError('UNAUTHENTICATED');
    return { ...req.memberAccount, ...(await services.memberApp.profile(actorOf(req))) };
  });

  r.get('/m/me/policies', { config: { auth }, schema: { tags, response: { 200: MyPolicies } } }, (req) =>
    services.memberApp.policies(actorOf(req)),
  );

  r.get(
    '/m/me/policies/:id/certificate',
    { config: { auth }, schema: { tags, params: IdParam, response: { 200: Certificate } } },
    (req) => {
      ownMember(actorOf(req));
      return services.policies.certificate(actorOf(req), req.params.id, origin(req));
    },
  );

  r.put(
    '/m/me/bank-account',
    { config: { auth }, schema: { tags, body: BankAccountBody, response: { 200: MemberBankAccount } } },
    (req) => services.memberApp.setBankAccount(actorOf(req), req.body),
  );

  // ---------- claims ----------

  r.post(
    '/m/claims',
    { config: { auth }, schema: { tags, body: MemberClaimBody, response: { 201: ClaimDetail } } },
    async (req, reply) => reply.status(201).send(await services.memberApp.fileClaim(actorOf(req), req.body)),
  );
  r.get(
    '/m/claims',
    { config: { auth }, schema: { tags, querystring: Paging, response: { 200: ClaimQueue } } },
    (req) => {
      ownMember(actorOf(req));
      return services.claimQueries.list(actorOf(req), req.query);
    },
  );
  r.get(
    '/m/claims/:id',
    { config: { auth }, schema: { tags, params: IdParam, response: { 200: ClaimDetail } } },
    (req) => {
      ownMember(actorOf(req));
      return services.claimQueries.get(actorOf(req), req.params.id);
    },
  );
  r.post(
    '/m/claims/:id/resubmit',
    { config: { auth }, schema: { tags, params: IdParam, body: NoteBody.nullish(), response: { 200: ClaimDetail } } },
    (req) => {
      ownMember(actorOf(req));
      return services.claimWorkflow.resubmit(actorOf(req), req.params.id, req.body?.note);
    },
  );
  r.post(
    '/m/claims/:id/materials',
    {
      config: { auth },
      schema: { tags, params: IdParam, consumes: ['multipart/form-data'], response: { 201: ClaimMaterial } },
    },
    async (req, reply) => {
      ownMember(actorOf(req));
      return uploadMaterial(req, reply, req.params.id);
    },
  );

  // ---------- FAQ ----------

  // The member's own relief (救助慰问): applications, status, payment, and the claims filed with them.
  r.get(
    '/m/relief',
    { config: { auth }, schema: { tags, querystring: Paging, response: { 200: MemberReliefPage } } },
    (req) => services.memberRelief.list(actorOf(req), req.query),
  );
  r.get(
    '/m/relief/:id',
    { config: { auth }, schema: { tags, params: IdParam, response: { 200: MemberRelief } } },
    (req) => services.memberRelief.get(actorOf(req), req.params.id),
  );
  r.get(
    '/m/faq',
    { config: { auth: 'public' }, schema: { tags, querystring: FaqQuery, response: { 200: FaqList } } },
    (req) => services.faq.publicList(req.query.q),
  );

  /** As POST /claims/:id/materials: streamed into storage, slot 1–3, type from the content. */
  async function uploadMaterial(req: FastifyRequest, reply: FastifyReply, claimId: string) {
    const actor = actorOf(req);
    const materials = services.claimMaterials;
    await materials.checkUpload(actor, claimId);
    if (!req.isMultipart())
      throw new AppError('VALIDATION_FAILED', { field: 'file', message: '请以 multipart/form-data 上传文件' });
    let staged: StagedFile | null = null;
    let fileName = 'upload';
    const fields: Record<string, string> = {};
    try {
      for await (const part of req.parts({ limits: { fileSize: MATERIAL_MAX_BYTES, files: 1, fields: 5 } })) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        } else if (part.fieldname !== 'file' || staged) {
          part.file.resume();
        } else {
          fileName = part.filename || 'upload';
          staged = await materials.stage(part.file);
          if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: MATERIAL_MAX_BYTES });
        }
      }
    } catch (e) {
      await (staged as StagedFile | null)?.discard();
      throw e;
    }
    if (!staged) throw new AppError('VALIDATION_FAILED', { field: 'file', message: '缺少上传文件' });
    return reply.status(201).send(await materials.attach(actor, claimId, fields.slot, staged, fileName));
  }
}

/** The first bytes of the `photo` part (enough to tell an image); the rest is read and dropped, never stored. */
async function readPhotoHead(req: FastifyRequest): Promise<Buffer | null> {
  let head: Buffer | null = null;
  for await (const part of req.parts({ limits: { fileSize: FACE_PHOTO_MAX_BYTES, files: 1, fields: 2 } })) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'photo' || head) {
      part.file.resume();
      continue;
    }
    let got = Buffer.alloc(0);
    for await (const chunk of part.file)
      if (got.length < 16) got = Buffer.concat([got, chunk as Buffer]).subarray(0, 16);
    if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: FACE_PHOTO_MAX_BYTES });
    head = got;
  }
  if (!head) throw new AppError('VALIDATION_FAILED', { field: 'photo', message: '缺少照片' });
  return head;
}
