import path from 'node:path';
import { createLocalFileStorage } from './adapters/file-storage.ts';
import { createSmsSender } from './adapters/sms-provider.ts';
import type { AppDeps, ServiceDeps } from './services/service-deps.ts';
import { createAudit } from './services/audit.service.ts';
import { createAuthService } from './services/auth.service.ts';
import { createOrgService } from './services/org.service.ts';
import { createMemberService } from './services/member.service.ts';
import { createAdminService } from './services/admin.service.ts';
import { createRegistryImportService } from './services/registry-import.service.ts';
import { createProductService } from './services/product.service.ts';
import { createEnrolmentImportService } from './services/enrolment-import.service.ts';
import { createEnrolmentBatchService } from './services/enrolment-batch.service.ts';
import { createBatchActivation } from './services/batch-activation.ts';
import { createEnrolmentPaymentService } from './services/enrolment-payment.service.ts';
import { createEnrolmentRenewalService } from './services/enrolment-renewal.service.ts';
import { createPolicyService } from './services/policy.service.ts';
import { createNotificationService } from './services/notification.service.ts';
import { createClaimFilingService } from './services/claim-filing.service.ts';
import { createClaimQueryService } from './services/claim-query.service.ts';
import { createClaimWorkflowService } from './services/claim-workflow.service.ts';
import { createClaimDecisionService } from './services/claim-decision.service.ts';
import { createClaimMaterialsService } from './services/claim-materials.service.ts';
import { createPayoutBatchService } from './services/payout-batch.service.ts';
import { createPayoutResultsService } from './services/payout-results.service.ts';
import { createPayoutAccountService } from './services/payout-account.service.ts';
import { createReportService } from './services/report.service.ts';
import { createCampaignService } from './services/report-campaign.service.ts';
import { createRenewalReportService } from './services/report-renewal.service.ts';
import { createClaimsReportService } from './services/report-claims.service.ts';
import { createFundReportService } from './services/report-fund.service.ts';
import { createIdentityVerifier } from './adapters/identity.ts';
import { createMemberAuthService } from './services/member-auth.service.ts';
import { createMemberRealNameService } from './services/member-real-name.service.ts';
import { createMemberAppService } from './services/member-app.service.ts';
import { createFaqService } from './services/faq.service.ts';
import { createPaymentProvider } from './adapters/payment.ts';
import { createGigPaymentService } from './services/gig-payment.service.ts';
import { createGigEnrolmentService } from './services/gig-enrolment.service.ts';
import { createGigRenewalService } from './services/gig-renewal.service.ts';
import { createChannelQueueService } from './services/channel-queue.service.ts';
import { createChannelService } from './services/channel.service.ts';
import { createGiftCampaignService } from './services/gift-campaign.service.ts';
import { createGigRefundService } from './services/gig-refund.service.ts';
import { createReliefService } from './services/relief.service.ts';
import { createReliefAdminService } from './services/relief-admin.service.ts';
import { createReliefReportService } from './services/relief-report.service.ts';
import { createReliefMaterialsService } from './services/relief-materials.service.ts';
import { createComplaintService } from './services/complaint.service.ts';
import { createOutreachService } from './services/outreach.service.ts';
import { createExpansionService } from './services/expansion.service.ts';
import { createMemberReliefService } from './services/relief-member.service.ts';
import { createReliefBatchFileService } from './services/relief-batch-file.service.ts';

export type { AppDeps, ServiceDeps };

/** Wires services once per app; routes only ever call these. */
export function createServices(deps: AppDeps) {
  const audit = createAudit(deps.clock);
  // `reader`: heavy reads outside a transaction (reports, exports, searches, lists) — off the event loop on SQLite,
  // with a time budget (db/dialect.ts).
  const base = { ...deps, db: deps.handle.db, reader: deps.handle.reader, audit };
  const claims = claimServices(base);
  // A paid batch becomes effective one way, whether confirmed alone or as part of a multi-batch transfer.
  const activation = createBatchActivation(base);
  return {
    audit,
    auth: createAuthService(base),
    org: createOrgService(base),
    members: createMemberService(base),
    admin: createAdminService(base),
    registry: createRegistryImportService(base),
    products: createProductService(base),
    rosters: createEnrolmentImportService(base),
    batches: createEnrolmentBatchService(base, activation),
    enrolmentPayments: createEnrolmentPaymentService(base, activation),
    renewals: createEnrolmentRenewalService(base),
    policies: createPolicyService(base),
    reports: createReportService(base),
    campaigns: createCampaignService(base),
    renewalReports: createRenewalReportService(base),
    claimsReport: createClaimsReportService(base),
    fundReport: createFundReportService(base),
    ...claims,
    ...memberAppServices(base, claims),
    ...gigServices(base),
    ...outreachServices(base),
  };
}

/** Service and outreach (issue 13 items 7–9): complaints, trainings and events, targeted expansion. */
function outreachServices(base: ServiceDeps) {
  return {
    complaints: createComplaintService(base),
    outreach: createOutreachService(base),
    expansion: createExpansionService(base),
  };
}

/** Gig workers' self-enrolment (issue 12): orders, their payment through the payment adapter. */
function gigServices(base: ServiceDeps) {
  const provider = createPaymentProvider(base.config.payment);
  const gigPayments = createGigPaymentService(base, provider);
  const giftCampaigns = createGiftCampaignService(base);
  const gigRefunds = createGigRefundService(base, provider);
  const gigEnrolments = createGigEnrolmentService(base, provider, gigPayments, giftCampaigns, gigRefunds);
  return {
    paymentProvider: provider,
    gigPayments,
    giftCampaigns,
    gigRefunds,
    gigEnrolments,
    gigRenewals: createGigRenewalService(base, provider, gigEnrolments),
    channels: createChannelService(base, giftCampaigns),
    channelQueue: createChannelQueueService(base),
  };
}

/** The member app (issue 11): its own sign-in, real-name verification through the identity adapter, FAQ. */
function memberAppServices(base: ServiceDeps, claims: ReturnType<typeof claimServices>) {
  return {
    memberAuth: createMemberAuthService(base, claims.sms),
    memberRealName: createMemberRealNameService(base, createIdentityVerifier(base.config.identity)),
    memberApp: createMemberAppService(base, claims.claimFiling),
    faq: createFaqService(base),
  };
}

/** Claims and payouts, with their adapters: files in DATA_DIR/files, texts to the SMS outbox. */
function claimServices(base: ServiceDeps) {
  const sms = createSmsSender(base.config.sms, base.db, base.clock);
  const notifications = createNotificationService(base, sms);
  const storage = createLocalFileStorage(path.join(base.config.dataDir, 'files'));
  const claimFiling = createClaimFilingService(base);
  const reliefAdmin = createReliefAdminService(base);
  return {
    /** The texts' sender itself: closing the app waits for the texts it is still delivering. */
    sms,
    notifications,
    claimFiling,
    relief: createReliefService(base, claimFiling),
    reliefAdmin,
    reliefBatchFile: createReliefBatchFileService(base, reliefAdmin),
    reliefMaterials: createReliefMaterialsService(base, storage),
    reliefReport: createReliefReportService(base),
    memberRelief: createMemberReliefService(base),
    claimQueries: createClaimQueryService(base),
    claimWorkflow: createClaimWorkflowService(base, notifications),
    claimDecisions: createClaimDecisionService(base, notifications),
    claimMaterials: createClaimMaterialsService(base, storage),
    payoutBatches: createPayoutBatchService(base),
    payoutResults: createPayoutResultsService(base, notifications),
    payoutAccounts: createPayoutAccountService(base),
  };
}
export type Services = ReturnType<typeof createServices>;
