export { buildApp, type BuiltApp } from './app.ts';
export { loadConfig, type AppConfig } from './config.ts';
export { openDatabase, refreshPlannerStatistics, type DbHandle } from './db/dialect.ts';
export { migrateToLatest } from './db/migrate.ts';
export type { Database, Db } from './db/tables.ts';
export { createPiiCipher, loadKeys, type PiiCipher } from './security/pii-cipher.ts';
export { hashPassword } from './security/passwords.ts';
export { newId } from './ids.ts';
export { warmWorkers } from './workers/entries.ts';
export { systemClock, fixedOr, type Clock } from './clock.ts';
export {
  bulkInsert,
  createBulkWriter,
  type BulkOptions,
  type BulkRow,
  type BulkTable,
  type BulkWriter,
  type BulkWriterOptions,
} from './db/bulk.ts';
export { deferrableIndexes, dropSecondaryIndexes, rebuildIndexes, type DeferredIndex } from './db/bulk-indexes.ts';
export { seedCatalogue } from './services/product.service.ts';
export { markReportSummariesBuilt, rebuildReportSummaries } from './services/report-summary.service.ts';
export { seedFaq } from './services/faq.service.ts';
export { claimQueueCountRepository } from './repositories/claim-queue-count.repository.ts';
export { fileClaimForMember } from './services/member-app.service.ts';
export { seedReliefCategories } from './services/relief-transition.ts';
