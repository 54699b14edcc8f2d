import { z } from 'zod';

/**
 * Relief and condolence categories (救助慰问, product.md §6) are data: each office keeps its own, versioned like
 * products (a published version never changes; an application points at the version it was made under). No rule
 * here — or anywhere in relief — looks at 户籍 (urban/rural registration): the member's cover on the event date is
 * the only membership test.
 */
export const reliefCategoryCodes = ['critical_illness', 'illness', 'accident', 'hardship', 'death', 'holiday'] as const;
export type ReliefCategoryCode = (typeof reliefCategoryCodes)[number];

export const reliefCategoryLabels: Record<ReliefCategoryCode, string> = {
  critical_illness: '重大疾病救助',
  illness: '疾病住院慰问',
  accident: '意外伤害慰问',
  hardship: '困难职工帮扶',
  death: '身故慰问',
  holiday: '节日慰问',
};

/** The categories whose application may file the matching mutual-aid claims in the same step (慰问+理赔). */
export const oneStopCategories: readonly ReliefCategoryCode[] = ['illness', 'critical_illness', 'accident'];

const fen = z.number().int().min(1).max(100_000_000);

/** What makes a member eligible besides cover on the event date. */
export const ReliefEligibility = z.object({
  /** Illness: a hospital stay of at least this many days (discharge − admission)… */
  minStayDays: z.number().int().min(1).max(365).optional(),
  /** …or a self-paid (自付) amount of at least this much; either one suffices when both are set. */
  minSelfPaidFen: fen.optional(),
  /** Critical illness: a diagnosis (disease code) is required. */
  requiresDiagnosis: z.boolean().optional(),
  /** Hardship: a hardship file (困难职工档案) in force on the event date is required. */
  requiresHardshipFile: z.boolean().optional(),
});
export type ReliefEligibility = z.infer<typeof ReliefEligibility>;

export const ReliefCategoryParams = z.object({
  code: z.enum(reliefCategoryCodes),
  name: z.string().trim().min(2).max(40),
  amountFen: fen,
  eligibility: ReliefEligibility,
  /** The materials an application needs, at most 3 (slots 1–3). */
  materials: z.array(z.string().trim().min(2).max(60)).max(3),
  /** At most this many of the category per member per calendar year (product.md: one). */
  perMemberPerYear: z.number().int().min(1).max(12),
  /** Issued only in office batches (节日慰问), never applied for one by one. */
  batchOnly: z.boolean(),
  active: z.boolean(),
});
export type ReliefCategoryParams = z.infer<typeof ReliefCategoryParams>;

/** The yearly cap per member over every category (product.md §6: ≤ ¥10,000 per member per year). */
export const DEFAULT_RELIEF_YEAR_CAP_FEN = 1_000_000;

const idProof = '身份证及银行卡';

/** The demo set of product.md §6, seeded into each office (the office edits real values in the console). */
export const demoReliefCategories: ReliefCategoryParams[] = [
  {
    code: 'critical_illness',
    name: reliefCategoryLabels.critical_illness,
    amountFen: 500_000,
    eligibility: { requiresDiagnosis: true },
    materials: [idProof, '诊断证明', '病历或出院小结'],
    perMemberPerYear: 1,
    batchOnly: false,
    active: true,
  },
  {
    code: 'illness',
    name: reliefCategoryLabels.illness,
    amountFen: 100_000,
    eligibility: { minStayDays: 7, minSelfPaidFen: 1_000_000 },
    materials: [idProof, '出院小结或诊断证明', '费用凭证（发票及医保结算单）'],
    perMemberPerYear: 1,
    batchOnly: false,
    active: true,
  },
  {
    code: 'accident',
    name: reliefCategoryLabels.accident,
    amountFen: 200_000,
    eligibility: {},
    materials: [idProof, '事故证明', '诊断证明或出院小结'],
    perMemberPerYear: 1,
    batchOnly: false,
    active: true,
  },
  {
    code: 'hardship',
    name: reliefCategoryLabels.hardship,
    amountFen: 100_000,
    eligibility: { requiresHardshipFile: true },
    materials: [idProof, '困难情况说明'],
    perMemberPerYear: 1,
    batchOnly: false,
    active: true,
  },
  {
    code: 'death',
    name: reliefCategoryLabels.death,
    amountFen: 300_000,
    eligibility: {},
    materials: ['家属身份证及银行卡', '死亡证明', '亲属关系证明'],
    perMemberPerYear: 1,
    batchOnly: false,
    active: true,
  },
  {
    code: 'holiday',
    name: reliefCategoryLabels.holiday,
    amountFen: 50_000,
    eligibility: {},
    materials: [],
    perMemberPerYear: 1,
    batchOnly: true,
    active: true,
  },
];
