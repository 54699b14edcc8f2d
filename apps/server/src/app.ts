import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorMessages, setChineseValidationMessages } from '@huzhu/core';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { systemClock, type Clock } from './clock.ts';
import type { AppConfig } from './config.ts';
import { type AppDeps, createServices, type Services } from './context.ts';
import { type DbHandle, openDatabase, refreshPlannerStatistics } from './db/dialect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { ensureReportSummaries } from './services/report-summary.service.ts';
import { installAuth } from './http/auth-hooks.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { redactingLoggerOptions } from './http/log-redaction.ts';
import { collectRouteMethods } from './http/route-methods.ts';
import './http/fastify-types.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { memberRoutes } from './routes/member.routes.ts';
import { orgRoutes } from './routes/org.routes.ts';
import { enrolmentRoutes } from './routes/enrolment.routes.ts';
import { enrolmentPaymentRoutes } from './routes/enrolment-payment.routes.ts';
import { removeOrphanUploads } from './http/upload.ts';
import { productRoutes } from './routes/product.routes.ts';
import { claimRoutes } from './routes/claim.routes.ts';
import { claimMaterialRoutes } from './routes/claim-material.routes.ts';
import { claimNotificationRoutes } from './routes/claim-notification.routes.ts';
import { payoutRoutes } from './routes/payout.routes.ts';
import { reportRoutes } from './routes/report.routes.ts';
import { reportCampaignRoutes } from './routes/report-campaign.routes.ts';
import { reportRenewalRoutes } from './routes/report-renewal.routes.ts';
import { claimsReportRoutes } from './routes/report-claims.routes.ts';
import { fundReportRoutes } from './routes/report-fund.routes.ts';
import { giftCampaignRoutes } from './routes/gift-campaign.routes.ts';
import { gigRefundRoutes } from './routes/gig-refund.routes.ts';
import { channelRoutes } from './routes/channel.routes.ts';
import { gigRoutes } from './routes/gig.routes.ts';
import { gigRenewalRoutes } from './routes/gig-renewal.routes.ts';
import { channelQueueRoutes } from './routes/channel-queue.routes.ts';
import { memberAppRoutes } from './routes/member-app.routes.ts';
import { faqRoutes } from './routes/faq.routes.ts';
import { reliefRoutes } from './routes/relief.routes.ts';
import { reliefBatchFileRoutes } from './routes/relief-batch-file.routes.ts';
import { markOverdueClaims } from './jobs/claim-overdue.job.ts';
import { dailyRenewalReminders } from './jobs/renewal-reminder.job.ts';
import { dailyGigRenewalReminders } from './jobs/gig-renewal-reminder.job.ts';
import { reconcileGigPayments } from './jobs/gig-reconcile.job.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { claimQueueCountRepository } from './repositories/claim-queue-count.repository.ts';
import { withJobLock } from './jobs/job-lock.ts';
import { escalateOverdueComplaints } from './jobs/complaint-escalation.job.ts';
import { complaintRoutes } from './routes/complaint.routes.ts';
import { outreachRoutes } from './routes/outreach.routes.ts';
import { expansionRoutes } from './routes/expansion.routes.ts';
import { createPiiCipher, loadKeys, type PiiCipher } from './security/pii-cipher.ts';

setChineseValidationMessages();

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
  deps: AppDeps;
}

/** Builds the whole app (plugins, routes, one error handler) without listening. Migrates the database. */
export async function buildApp(
  config: AppConfig,
  overrides: {
    handle?: DbHandle;
    cipher?: PiiCipher;
    clock?: Clock;
    logger?: boolean;
    /** Where log lines go instead of stdout (tests read them). */
    logStream?: { write(line: string): void };
  } = {},
): Promise<BuiltApp> {
  const handle =
    overrides.handle ??
    openDatabase({
      databaseUrl: config.databaseUrl,
      sqlitePath: path.join(config.dataDir, 'huzhu.db'),
      readTimeoutMs: config.readTimeoutMs,
      writeTimeoutMs: config.writeTimeoutMs,
      readers: config.readers,
    });
  await migrateToLatest(handle.db);
  await ensureReportSummaries(handle);
  refreshPlannerStatistics(handle);
  const cipher =
    overrides.cipher ??
    (() => {
      const keys = loadKeys(config);
      return createPiiCipher(keys.dataKey, keys.indexKey);
    })();
  const deps: AppDeps = { config, handle, cipher, clock: overrides.clock ?? systemClock() };
  removeOrphanUploads(path.join(config.dataDir, 'tmp'), config.importTimeoutMs);
  const services = createServices(deps);

  const app = Fastify({
    logger:
      overrides.logger === false
        ? false
        : {
            level: config.logLevel,
            ...redactingLoggerOptions(),
            ...(overrides.logStream ? { stream: overrides.logStream } : {}),
          },
    // X-Forwarded-For is believed only from the proxies named in HUZHU_TRUST_PROXY (default none): from anyone else
    // it would let a client pick its own address and step around the per-address login limits.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: 1024 * 1024,
    // A URL the router cannot decode (e.g. a broken %-escape) gets the project's shape, not Fastify's.
    frameworkErrors: (error, _req, reply) => {
      void (reply as FastifyReply).status(400).send({
        code: 'VALIDATION_FAILED',
        message: errorMessages.VALIDATION_FAILED,
        details: { where: 'url', reason: error.code },
      });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  const methodsOf = collectRouteMethods(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, code: 'RATE_LIMITED' }),
  });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Huzhu 职工互助保障 API', version: '1.0.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, () => app.swagger());

  installAuth(app, services);

  await app.register(
    async (api) => {
      healthRoutes(api, handle);
      authRoutes(
        api,
        { services },
        { secureCookies: config.secureCookies, loginRatePerMinute: config.loginRatePerMinute },
      );
      orgRoutes(api, { services }, { tmpDir: path.join(config.dataDir, 'tmp') });
      memberRoutes(api, { services });
      adminRoutes(api, { services });
      productRoutes(api, { services });
      enrolmentRoutes(api, { services }, { tmpDir: path.join(config.dataDir, 'tmp') });
      enrolmentPaymentRoutes(api, services);
      claimRoutes(api, { services });
      claimMaterialRoutes(api, { services });
      claimNotificationRoutes(api, { services });
      payoutRoutes(api, { services }, { tmpDir: path.join(config.dataDir, 'tmp') });
      reportRoutes(api, { services });
      reportCampaignRoutes(api, { services });
      reportRenewalRoutes(api, { services });
      claimsReportRoutes(api, { services });
      fundReportRoutes(api, { services });
      memberAppRoutes(api, { services }, { secureCookies: config.secureCookies });
      faqRoutes(api, { services });
      gigRoutes(api, { services });
      gigRenewalRoutes(api, { services });
      channelQueueRoutes(api, { services });
      channelRoutes(api, { services });
      giftCampaignRoutes(api, { services }, { tmpDir: path.join(config.dataDir, 'tmp') });
      gigRefundRoutes(api, { services });
      reliefRoutes(api, { services });
      complaintRoutes(api, { services });
      outreachRoutes(api, { services });
      expansionRoutes(api, { services });
      reliefBatchFileRoutes(api, { services }, { tmpDir: path.join(config.dataDir, 'tmp') });
    },
    { prefix: '/api/v1' },
  );

  await serveFrontEnds(app, config, methodsOf);
  if (config.jobIntervalMs > 0) {
    const stopJobs = startScheduler(
      [
        // Every job under its lock (jobs/job-lock.ts): two instances on one PostgreSQL run each tick once.
        {
          name: 'claim-overdue',
          run: () =>
            withJobLock(handle, 'claim-overdue', () =>
              markOverdueClaims({ handle, clock: deps.clock, audit: services.audit }),
            ),
        },
        {
          name: 'renewal-reminder',
          run: () =>
            withJobLock(handle, 'renewal-reminder', () =>
              dailyRenewalReminders({ handle, clock: deps.clock, notifications: services.notifications }),
            ),
        },
        {
          name: 'claim-queue-compact',
          run: () => withJobLock(handle, 'claim-queue-compact', () => claimQueueCountRepository.compact(handle)),
        },
        {
          name: 'gig-renewal-reminder',
          run: () =>
            withJobLock(handle, 'gig-renewal-reminder', () =>
              dailyGigRenewalReminders({ handle, clock: deps.clock, notifications: services.notifications }),
            ),
        },
        {
          name: 'complaint-escalation',
          run: () =>
            withJobLock(handle, 'complaint-escalation', () =>
              escalateOverdueComplaints({ handle, clock: deps.clock, audit: services.audit }),
            ),
        },
        { name: 'gig-reconcile', run: () => reconcileGigPayments({ handle, payments: services.gigPayments }) },
        // Refunds asked while the provider was unreachable are asked again; open ones are queried.
        { name: 'gig-refunds', run: () => withJobLock(handle, 'gig-refunds', () => services.gigRefunds.reconcile()) },
      ],
      config.jobIntervalMs,
      app.log,
    );
    app.addHook('onClose', stopJobs);
  }
  app.addHook('onClose', async () => {
    // Texts still on their way to the provider record their answer before the database closes (each request is
    // bounded by HUZHU_SMS_TIMEOUT_MS), so a restart leaves no text `queued` that was in fact sent.
    await services.sms.settled?.();
    if (!overrides.handle) await handle.destroy();
  });
  return { app, services, deps };
}

/** The built console at `/` and the member app at `/m/`, each with its SPA fallback; /api stays JSON. */
async function serveFrontEnds(app: FastifyInstance, config: AppConfig, methodsOf: (url: string) => string[]) {
  const consoleDir =
    config.consoleDir && fs.existsSync(path.join(config.consoleDir, 'index.html')) ? config.consoleDir : null;
  const mobileDir =
    config.mobileDir && fs.existsSync(path.join(config.mobileDir, 'index.html')) ? config.mobileDir : null;
  if (consoleDir)
    await app.register(fastifyStatic, { root: consoleDir, prefix: '/', wildcard: false, index: 'index.html' });
  if (mobileDir)
    await app.register(fastifyStatic, { root: mobileDir, prefix: '/m/', decorateReply: !consoleDir, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (req.method === 'GET' && !url.startsWith('/api/')) {
      if (mobileDir && (url === '/m' || url.startsWith('/m/'))) return reply.sendFile('index.html', mobileDir);
      if (consoleDir) return reply.sendFile('index.html', consoleDir);
    }
    // A path that exists with other methods: 405 with the methods it has (HEAD comes with GET).
    const allowed = methodsOf(url).filter((m) => m !== 'HEAD');
    if (allowed.length > 0)
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send({ code: 'METHOD_NOT_ALLOWED', message: errorMessages.METHOD_NOT_ALLOWED, details: { allowed } });
    return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在' });
  });
}
