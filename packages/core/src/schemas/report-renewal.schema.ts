import { z } from 'zod';
import { isoDate, Paging, pageOf } from './common.ts';
import { ReportFormat } from './report.schema.ts';

/** Renewal report and the list of policies about to end (product.md §7). */

export const RenewalQuery = z.object({
  from: isoDate.optional().describe('first end date (default: a year before `to`, plus one day)'),
  to: isoDate.optional().describe('last end date (default: today)'),
  agencyId: z.string().min(1).max(64).optional(),
  format: ReportFormat,
});

const rate = z.number().nullable().describe('renewed ÷ ending; null when nothing ended');

export const RenewalFigure = z.object({ ending: z.number().int(), renewed: z.number().int(), rate });
export type RenewalFigure = z.infer<typeof RenewalFigure>;

export const RenewalRow = RenewalFigure.extend({
  /** The product code, or null on the segment rows and the total. */
  productCode: z.string().nullable(),
  /** The product's name (current version), or null where productCode is. */
  productName: z.string().nullable().optional(),
  /** 'employee' | 'gig', or null on the product rows and the total. */
  employmentKind: z.string().nullable(),
});
export type RenewalRow = z.infer<typeof RenewalRow>;

export const RenewalReport = z.object({
  from: isoDate,
  to: isoDate,
  agencyId: z.string().nullable(),
  byProduct: z.array(RenewalRow),
  byEmploymentKind: z.array(RenewalRow),
  /** Product × employment kind: gig workers of each product apart. */
  byProductAndKind: z.array(RenewalRow),
  total: RenewalRow,
  /** Gig workers' own policies (report category `gig`: enrolled on their phone or gifted, no unit). */
  gig: RenewalRow.optional(),
});
export type RenewalReport = z.infer<typeof RenewalReport>;

export const ExpiringQuery = Paging.extend({
  days: z.coerce.number().int().min(0).max(366).default(30),
  agencyId: z.string().min(1).max(64).optional(),
  format: ReportFormat,
});

export const ExpiringPolicy = z.object({
  policyId: z.string(),
  maskedName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  agencyId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  endDate: isoDate,
  reminderSentAt: z.string().nullable(),
});
export type ExpiringPolicy = z.infer<typeof ExpiringPolicy>;

export const ExpiringPage = pageOf(ExpiringPolicy).extend({ from: isoDate, to: isoDate });
export type ExpiringPage = z.infer<typeof ExpiringPage>;
