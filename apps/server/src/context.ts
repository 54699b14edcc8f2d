import type { AppConfig } from './config.ts';
import type { Clock } from './clock.ts';
import type { DbHandle } from './db/dialect.ts';
import type { PiiCipher } from './security/pii-cipher.ts';
import { createAudit } from './services/audit.service.ts';
import { createAuthService } from './services/auth.service.ts';
import { createOrgService } from './services/org.service.ts';
import { createMemberService } from './services/member.service.ts';
import { createAdminService } from './services/admin.service.ts';
import { createRegistryImportService } from './services/registry-import.service.ts';
import { createProductService } from './services/product.service.ts';
import { createEnrolmentImportService } from './services/enrolment-import.service.ts';
import { createEnrolmentBatchService } from './services/enrolment-batch.service.ts';
import { createEnrolmentRenewalService } from './services/enrolment-renewal.service.ts';
import { createPolicyService } from './services/policy.service.ts';

export interface AppDeps {
  config: AppConfig;
  handle: DbHandle;
  cipher: PiiCipher;
  clock: Clock;
}

/** Wires services once per app; routes only ever call these. */
export function createServices(deps: AppDeps) {
  const audit = createAudit(deps.clock);
  const base = { ...deps, db: deps.handle.db, audit };
  return {
    audit,
    auth: createAuthService(base),
    org: createOrgService(base),
    members: createMemberService(base),
    admin: createAdminService(base),
    registry: createRegistryImportService(base),
    products: createProductService(base),
    rosters: createEnrolmentImportService(base),
    batches: createEnrolmentBatchService(base),
    renewals: createEnrolmentRenewalService(base),
    policies: createPolicyService(base),
  };
}
export type ServiceDeps = AppDeps & { db: DbHandle['db']; audit: ReturnType<typeof createAudit> };
export type Services = ReturnType<typeof createServices>;
