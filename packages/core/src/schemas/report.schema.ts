import { z } from 'zod';
import { isoDate } from './common.ts';

/** Report queries and answers (api.md: /reports/*). Counting rules: product.md §7. */

export const ReportFormat = z.enum(['json', 'xlsx']).default('json');

export const SummaryQuery = z.object({
  asOf: isoDate.optional(),
  /** `national`: the national viewer's summary of every office side by side, with the national totals. */
  scope: z.enum(['national']).optional(),
  format: ReportFormat,
});

export const PaidFigure = z.object({ count: z.number().int(), amountFen: z.number().int() });

export const Summary = z.object({
  asOf: isoDate,
  unitsEver: z.number().int(),
  membersEver: z.number().int(),
  activeUnits: z.number().int(),
  activeMembers: z.number().int(),
  shares: z.number().int(),
  contributionsFen: z.number().int(),
  claimsPaid: PaidFigure,
  reliefPaid: PaidFigure,
});
export type Summary = z.infer<typeof Summary>;

/** The national view (总会): the national totals (the sum of the offices) and one row per office. */
export const NationalSummary = Summary.extend({
  scope: z.literal('national'),
  offices: z.array(Summary.omit({ asOf: true }).extend({ officeId: z.string(), officeName: z.string() })),
});
export type NationalSummary = z.infer<typeof NationalSummary>;
export const SummaryAnswer = z.union([NationalSummary, Summary]);

export const StructureQuery = z.object({
  asOf: isoDate.optional(),
  agencyId: z.string().min(1).max(64).optional(),
  format: ReportFormat,
  /** How many not-enrolled units to list (the xlsx always lists them all). */
  notEnrolledLimit: z.coerce.number().int().min(0).max(5_000).default(100),
});

const coverage = z.number().nullable().describe('0–1; null when the denominator is 0');

export const StructureProductFigure = z.object({
  productCode: z.string(),
  members: z.number().int(),
  shares: z.number().int(),
  contributionsFen: z.number().int(),
});

export const StructureRow = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  /** Unit category; null on the office-wide view (one row per agency, all categories). */
  category: z.string().nullable(),
  knownUnits: z.number().int(),
  enrolledUnits: z.number().int(),
  unitCoverage: coverage,
  headcount: z.number().int().describe('declared headcount of the enrolled units'),
  members: z.number().int(),
  memberCoverage: coverage.describe('members ÷ headcount of the enrolled units'),
  shares: z.number().int(),
  sharesPerMember: z.number().nullable(),
  contributionsFen: z.number().int(),
  byProduct: z.array(StructureProductFigure),
});
export type StructureRow = z.infer<typeof StructureRow>;

export const NotEnrolledUnit = z.object({
  unitId: z.string(),
  name: z.string(),
  agencyId: z.string(),
  category: z.string(),
  headcount: z.number().int(),
});

export const EnrolmentStructure = z.object({
  asOf: isoDate,
  agencyId: z.string().nullable(),
  rows: z.array(StructureRow),
  total: StructureRow,
  notEnrolled: z.array(NotEnrolledUnit),
  notEnrolledTotal: z.number().int(),
  /** Product code → name, so tables and exports name products (住院医疗…) rather than codes (ALW). */
  productNames: z.record(z.string(), z.string()).optional(),
});
export type EnrolmentStructure = z.infer<typeof EnrolmentStructure>;

const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' })
  .describe('YYYY-MM');

export const TrendQuery = z.object({
  from: yearMonth.optional().describe('first month (default: 23 months before `to`)'),
  to: yearMonth.optional().describe('last month (default: this month)'),
  format: ReportFormat,
});

/** Month by month: figures on the month's last day (or today for the running month) and flows within the month. */
export const TrendMonth = z.object({
  month: yearMonth,
  asOf: isoDate,
  activeUnits: z.number().int(),
  activeMembers: z.number().int(),
  shares: z.number().int(),
  contributionsFen: z.number().int().describe('fees of the policies in force on asOf'),
  newMembers: z.number().int().describe('members whose first policy started in the month'),
  startedContributionsFen: z.number().int().describe('fees of the policies that started in the month'),
  claimsPaid: PaidFigure.describe('claims paid in the month'),
  reliefPaid: PaidFigure.describe('relief (救助慰问) paid in the month'),
});
export type TrendMonth = z.infer<typeof TrendMonth>;

export const Trends = z.object({ agencyId: z.string().nullable(), months: z.array(TrendMonth) });
export type Trends = z.infer<typeof Trends>;
