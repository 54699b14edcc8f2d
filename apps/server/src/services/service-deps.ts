/**
 * What every service is built from: configuration, the database (writer and reader), the PII cipher, the clock and
 * the audit writer. Services import this file, never `context.ts` (the composition root that imports them all).
 */
import type { AppConfig } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { DbHandle } from '../db/dialect.ts';
import type { PiiCipher } from '../security/pii-cipher.ts';
import type { Audit } from './audit.service.ts';

export interface AppDeps {
  config: AppConfig;
  handle: DbHandle;
  cipher: PiiCipher;
  clock: Clock;
}

export type ServiceDeps = AppDeps & {
  db: DbHandle['db'];
  reader: DbHandle['reader'];
  audit: Audit;
};
