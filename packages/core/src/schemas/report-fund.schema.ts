import { z } from 'zod';
import { ReportFormat } from './report.schema.ts';

/** Fund health (product.md §7): contributions against benefits paid, per product and year. */
const year = z.coerce
  .number({ message: '年份应为 4 位数字' })
  .int({ message: '年份应为 4 位数字' })
  .min(2000, { message: '年份不能早于 2000 年' })
  .max(2100, { message: '年份不能晚于 2100 年' });

export const MAX_FUND_YEARS = 20;

export const FundHealthQuery = z
  .object({
    fromYear: year.optional().describe('first year (default: four years before `toYear`)'),
    toYear: year.optional().describe('last year (default: this year)'),
    agencyId: z.string().min(1).max(64).optional(),
    format: ReportFormat,
  })
  .refine((q) => q.fromYear === undefined || q.toYear === undefined || q.fromYear <= q.toYear, {
    message: '起始年份不能晚于截止年份',
    path: ['fromYear'],
  })
  .refine((q) => q.fromYear === undefined || q.toYear === undefined || q.toYear - q.fromYear < MAX_FUND_YEARS, {
    message: `一次最多查询 ${MAX_FUND_YEARS} 年`,
    path: ['toYear'],
  });
export type FundHealthQuery = z.infer<typeof FundHealthQuery>;

export const FundHealthRow = z.object({
  year: z.number().int(),
  /** null on a year's total row. */
  productCode: z.string().nullable(),
  productName: z.string(),
  policiesStarted: z.number().int(),
  contributionsFen: z.number().int().describe('fees of the policies that started in the year'),
  claimsPaid: z.number().int().describe('claims paid in the year (China date of payment); once each on the total row'),
  benefitsPaidFen: z.number().int(),
  lossRatio: z.number().nullable().describe('benefits ÷ contributions; null when contributions are 0'),
  reliefPaid: z
    .number()
    .int()
    .nullable()
    .describe(
      'relief (救助慰问) paid in the year, on the total row only (relief is not per product): null on product rows',
    ),
  reliefPaidFen: z.number().int().nullable().describe('amount of that relief; outside the loss ratio'),
});
export type FundHealthRow = z.infer<typeof FundHealthRow>;

export const FundHealth = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  agencyId: z.string().nullable(),
  rows: z.array(FundHealthRow).describe('per year and product, products with anything to show'),
  totals: z.array(FundHealthRow).describe('one per year of the range, productCode null'),
});
export type FundHealth = z.infer<typeof FundHealth>;
