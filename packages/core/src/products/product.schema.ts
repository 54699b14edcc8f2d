import { z } from 'zod';
import { fenAmount, isoDate, Paging, pageOf } from '../schemas/common.ts';
import { safeText } from '../validation/safe-text.ts';

/** Products are data (product.md §3): a version fixes every parameter, so a policy keeps the rules it was sold under. */
export const productChannels = ['unit', 'individual', 'gift'] as const;
export const productCategories = [
  'critical_illness',
  'female_disease',
  'inpatient_allowance',
  'medical',
  'accident',
] as const;
export const claimKinds = [
  'critical_illness',
  'female_disease',
  'inpatient',
  'accident_medical',
  'disability',
  'death',
] as const;
export type ClaimKind = (typeof claimKinds)[number];

const fen = fenAmount;
const bp = z.number().int().min(0).max(10_000); // basis points: 10000 = 100 %

/** Staged waiting (FEM): by day of the policy (day 1 = start date), what a diagnosis pays per share. */
export const LumpSumStage = z.object({
  fromDay: z.number().int().min(1),
  toDay: z.number().int().min(1).nullable(),
  amountPerShareFen: fen,
  /** Amount per share for a carcinoma in situ (原位癌) in this stage; absent = same as amountPerShareFen. */
  inSituAmountPerShareFen: fen.optional(),
});

export const BenefitRule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lump_sum'),
    claimKinds: z.array(z.enum(claimKinds)).min(1),
    amountPerShareFen: fen,
    inSituAmountPerShareFen: fen.optional(),
    stages: z.array(LumpSumStage).optional(),
  }),
  z.object({
    kind: z.literal('daily_allowance'),
    claimKinds: z.array(z.enum(claimKinds)).min(1),
    amountPerShareFen: fen,
    deductibleDaysPerAdmission: z.number().int().min(0),
    maxDaysPerTerm: z.number().int().min(1),
  }),
  z.object({
    kind: z.literal('banded_reimbursement'),
    claimKinds: z.array(z.enum(claimKinds)).min(1),
    /** Marginal bands on the self-paid amount: each rate applies to the part up to `uptoFen` (null = no upper end). */
    bands: z.array(z.object({ uptoFen: fen.nullable(), rateBp: bp })).min(1),
    minPayoutFen: fen,
    termCapFen: fen,
  }),
  z.object({
    kind: z.literal('deductible_ratio'),
    claimKinds: z.array(z.enum(claimKinds)).min(1),
    deductibleFen: fen,
    rateBp: bp,
    termCapFen: fen,
  }),
  z.object({
    kind: z.literal('death_disability'),
    claimKinds: z.array(z.enum(claimKinds)).min(1),
    sumFen: fen,
  }),
]);
export type BenefitRule = z.infer<typeof BenefitRule>;

export const Disease = z.object({ code: z.string().min(1).max(20), name: safeText({ min: 1, max: 60 }) });

export const ProductParamsBase = z.object({
  name: safeText({ min: 2, max: 60 }),
  category: z.enum(productCategories),
  channel: z.enum(productChannels),
  feePerShareFen: fen,
  /** For gift products: what the sponsor pays per policy. */
  sponsorFeeFen: fen.optional(),
  minShares: z.number().int().min(1).max(100),
  maxShares: z.number().int().min(1).max(100),
  term: z.object({ unit: z.enum(['months', 'days']), length: z.number().int().min(1).max(120) }),
  minAge: z.number().int().min(0).max(120),
  maxAge: z.number().int().min(0).max(120),
  sex: z.enum(['any', 'female', 'male']),
  requiresMedicalInsurance: z.boolean(),
  exclusiveGroup: z.string().trim().max(20).nullable(),
  waitingDays: z.object({ illness: z.number().int().min(0).max(730), accident: z.number().int().min(0).max(730) }),
  graceDays: z.number().int().min(0).max(365),
  /** Minimum share of the unit's (female, for female-only products) headcount that must enrol; null = none. */
  minParticipationBp: bp.nullable(),
  claimDeadlineDays: z.number().int().min(1).max(3650),
  salesFrom: isoDate.nullable(),
  salesTo: isoDate.nullable(),
  diseases: z.array(Disease),
  benefits: z.array(BenefitRule).min(1),
});

export const ProductParams = ProductParamsBase.refine((p) => p.minShares <= p.maxShares, {
  message: '最少份数不能大于最多份数',
  path: ['maxShares'],
})
  .refine((p) => p.minAge <= p.maxAge, { message: '最低年龄不能大于最高年龄', path: ['maxAge'] })
  .refine((p) => !p.salesFrom || !p.salesTo || p.salesFrom <= p.salesTo, {
    message: '销售开始日不能晚于结束日',
    path: ['salesTo'],
  });
export type ProductParams = z.infer<typeof ProductParams>;

export interface ProductVersion extends ProductParams {
  code: string;
  version: number;
}

/** A stored version as the API answers it. */
export const ProductVersionSchema = ProductParamsBase.extend({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
});
/** The office's products (current versions) by code; `q` finds one by code or name. */
export const ProductListQuery = Paging.extend({ q: z.string().trim().max(50).optional() });
export const ProductPage = pageOf(ProductVersionSchema);
