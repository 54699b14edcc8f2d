import type { ErrorCode } from '../errors.ts';
import { fenToYuanText } from '../money.ts';
import type { BenefitRule, ClaimKind, ProductVersion } from '../products/product.schema.ts';
import { addDays, diffDays, type IsoDate } from '../time/dates.ts';

/**
 * The benefit engine (product.md §3, §5): pure. Given a policy, the product version it was sold under, the facts
 * of a claim and what the policy already paid in its term, it says whether the claim pays, how much (fen, rounded
 * down), or which refusal code applies — with lines a reviewer can read.
 */
export interface PolicyFacts {
  id: string;
  shares: number;
  startDate: IsoDate;
  endDate: IsoDate;
  /** Last day of the illness waiting period (null: none, e.g. a continuous renewal). */
  waitingEndDate: IsoDate | null;
  accidentWaitingEndDate: IsoDate | null;
  state: 'in_force' | 'paid_out' | 'cancelled';
}

export interface ClaimFacts {
  kind: ClaimKind;
  cause: 'illness' | 'accident';
  eventDate: IsoDate;
  /** The day the claim was filed (for the claim deadline). */
  filedOn: IsoDate;
  diseaseCode?: string;
  inSitu?: boolean;
  admissionDate?: IsoDate;
  dischargeDate?: IsoDate;
  totalExpensesFen?: number;
  selfPaidFen?: number;
  disabilityGrade?: number;
}

/** A benefit already paid on this policy in this term (approved or paid claims). */
export interface PriorPayment {
  ruleKind: BenefitRule['kind'];
  amountFen: number;
  /** Allowance days paid (daily_allowance). */
  days?: number;
}

export type Assessment =
  | {
      payable: true;
      amountFen: number;
      endsPolicy: boolean;
      days?: number;
      ruleKind: BenefitRule['kind'];
      lines: string[];
    }
  | { payable: false; amountFen: 0; code: ErrorCode; lines: string[] };

const yuan = (fen: number) => `${fenToYuanText(fen)} 元`;
const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
const refuse = (code: ErrorCode, ...lines: string[]): Assessment => ({ payable: false, amountFen: 0, code, lines });

const kindLabels: Record<ClaimKind, string> = {
  critical_illness: '重大疾病',
  female_disease: '女职工特殊疾病',
  inpatient: '住院',
  accident_medical: '意外医疗',
  disability: '伤残',
  death: '身故',
};

export function assessClaim(
  product: ProductVersion,
  policy: PolicyFacts,
  claim: ClaimFacts,
  prior: PriorPayment[],
): Assessment {
  const head = `${product.name}（${product.code} 第 ${product.version} 版），${policy.shares} 份，保障期 ${policy.startDate} 至 ${policy.endDate}`;
  if (policy.state === 'paid_out') return refuse('ALREADY_PAID_OUT', head, '该保障已一次性给付并终止');
  if (policy.state === 'cancelled' || claim.eventDate < policy.startDate || claim.eventDate > policy.endDate)
    return refuse('NOT_COVERED_ON_EVENT_DATE', head, `事件日期 ${claim.eventDate} 不在保障期内`);
  const deadline = addDays(claim.eventDate, product.claimDeadlineDays);
  if (claim.filedOn > deadline)
    return refuse(
      'CLAIM_EXPIRED',
      head,
      `申领时效 ${product.claimDeadlineDays} 天，截止 ${deadline}，申领日 ${claim.filedOn}`,
    );
  const rule = product.benefits.find((b) => b.claimKinds.includes(claim.kind));
  if (!rule) return refuse('NOT_ELIGIBLE', head, `本产品不保障“${kindLabels[claim.kind]}”`);
  if (rule.kind === 'death_disability' || rule.kind === 'deductible_ratio') {
    if (claim.cause !== 'accident')
      return refuse('NOT_ELIGIBLE', head, `${kindLabels[claim.kind]}责任仅限意外伤害所致`);
  }
  const waitingEnd = claim.cause === 'accident' ? policy.accidentWaitingEndDate : policy.waitingEndDate;
  if (waitingEnd && claim.eventDate <= waitingEnd)
    return refuse(
      'WAITING_PERIOD',
      head,
      `${claim.cause === 'accident' ? '意外' : '疾病'}等待期至 ${waitingEnd}，事件日期 ${claim.eventDate}`,
    );
  const lines = [head];
  switch (rule.kind) {
    case 'lump_sum':
      return lumpSum(product, rule, policy, claim, prior, lines);
    case 'daily_allowance':
      return dailyAllowance(rule, policy, claim, prior, lines);
    case 'banded_reimbursement':
      return banded(rule, claim, prior, lines);
    case 'deductible_ratio':
      return deductibleRatio(rule, claim, prior, lines);
    case 'death_disability':
      return deathDisability(rule, claim, prior, lines);
  }
}

function lumpSum(
  product: ProductVersion,
  rule: Extract<BenefitRule, { kind: 'lump_sum' }>,
  policy: PolicyFacts,
  claim: ClaimFacts,
  prior: PriorPayment[],
  lines: string[],
): Assessment {
  if (prior.some((p) => p.ruleKind === 'lump_sum')) return refuse('ALREADY_PAID_OUT', ...lines, '一次性给付已支付过');
  const disease = product.diseases.find((d) => d.code === claim.diseaseCode);
  if (!disease)
    return refuse('DISEASE_NOT_LISTED', ...lines, `疾病代码 ${claim.diseaseCode ?? '（未填）'} 不在本产品病种清单内`);
  const day = diffDays(policy.startDate, claim.eventDate) + 1;
  const stage = rule.stages?.find((s) => day >= s.fromDay && (s.toDay === null || day <= s.toDay));
  const perShare = claim.inSitu
    ? (stage?.inSituAmountPerShareFen ??
      stage?.amountPerShareFen ??
      rule.inSituAmountPerShareFen ??
      rule.amountPerShareFen)
    : (stage?.amountPerShareFen ?? rule.amountPerShareFen);
  lines.push(`规则：一次性给付；确诊 ${disease.name}${claim.inSitu ? '（原位癌）' : ''}，为保障期第 ${day} 天`);
  if (stage) lines.push(`分段等待：第 ${stage.fromDay}–${stage.toDay ?? '∞'} 天，每份 ${yuan(perShare)}`);
  if (perShare === 0) return refuse('WAITING_PERIOD', ...lines, '该阶段不予给付');
  const amount = perShare * policy.shares;
  lines.push(`每份 ${yuan(perShare)} × ${policy.shares} 份 = ${yuan(amount)}`, '给付后本保障终止');
  return { payable: true, amountFen: amount, endsPolicy: true, ruleKind: 'lump_sum', lines };
}

function dailyAllowance(
  rule: Extract<BenefitRule, { kind: 'daily_allowance' }>,
  policy: PolicyFacts,
  claim: ClaimFacts,
  prior: PriorPayment[],
  lines: string[],
): Assessment {
  if (!claim.admissionDate || !claim.dischargeDate) return refuse('NOT_ELIGIBLE', ...lines, '缺少入院、出院日期');
  const stay = diffDays(claim.admissionDate, claim.dischargeDate);
  const payable = Math.max(0, stay - rule.deductibleDaysPerAdmission);
  const used = prior.filter((p) => p.ruleKind === 'daily_allowance').reduce((s, p) => s + (p.days ?? 0), 0);
  const left = rule.maxDaysPerTerm - used;
  lines.push(
    `规则：住院津贴；住院 ${stay} 天（${claim.admissionDate} 至 ${claim.dischargeDate}），每次免赔 ${rule.deductibleDaysPerAdmission} 天`,
  );
  if (left <= 0) return refuse('TERM_CAP_REACHED', ...lines, `本期最多 ${rule.maxDaysPerTerm} 天，已给付 ${used} 天`);
  if (payable === 0) return refuse('NOT_ELIGIBLE', ...lines, '住院天数未超过免赔天数');
  const days = Math.min(payable, left);
  if (days < payable) lines.push(`本期最多 ${rule.maxDaysPerTerm} 天，已给付 ${used} 天，本次按 ${days} 天`);
  const amount = days * rule.amountPerShareFen * policy.shares;
  lines.push(`${days} 天 × 每份每天 ${yuan(rule.amountPerShareFen)} × ${policy.shares} 份 = ${yuan(amount)}`);
  return { payable: true, amountFen: amount, endsPolicy: false, days, ruleKind: 'daily_allowance', lines };
}

/** Applies the term cap shared by every claim of the policy's term. */
function capped(
  computed: number,
  capFen: number,
  paid: number,
  lines: string[],
  ruleKind: BenefitRule['kind'],
): Assessment {
  const left = capFen - paid;
  if (left <= 0) return refuse('TERM_CAP_REACHED', ...lines, `本期封顶 ${yuan(capFen)}，已给付 ${yuan(paid)}`);
  if (computed > left) {
    lines.push(`本期封顶 ${yuan(capFen)}，已给付 ${yuan(paid)}，本次按剩余额度 ${yuan(left)}`);
    return { payable: true, amountFen: left, endsPolicy: false, ruleKind, lines };
  }
  return { payable: true, amountFen: computed, endsPolicy: false, ruleKind, lines };
}

function banded(
  rule: Extract<BenefitRule, { kind: 'banded_reimbursement' }>,
  claim: ClaimFacts,
  prior: PriorPayment[],
  lines: string[],
): Assessment {
  const base = claim.selfPaidFen;
  if (base === undefined) return refuse('NOT_ELIGIBLE', ...lines, '缺少医保结算后的个人自付金额');
  lines.push(`规则：按档累进报销；基数为医保结算后个人自付 ${yuan(base)}`);
  let lower = 0;
  let total = 0;
  for (const band of rule.bands) {
    const upper = band.uptoFen ?? Number.MAX_SAFE_INTEGER;
    if (base <= lower) break;
    const part = Math.min(base, upper) - lower;
    const pay = Math.floor((part * band.rateBp) / 10_000);
    lines.push(
      `${fenToYuanText(lower)}–${band.uptoFen === null ? '以上' : fenToYuanText(upper)} 元档：${yuan(part)} × ${pct(band.rateBp)} = ${yuan(pay)}`,
    );
    total += pay;
    lower = upper;
  }
  if (total <= 0) return refuse('NOT_ELIGIBLE', ...lines, '自付金额为零');
  if (total < rule.minPayoutFen) {
    const raised = Math.min(rule.minPayoutFen, base);
    lines.push(`低于最低给付 ${yuan(rule.minPayoutFen)}，按 ${yuan(raised)}（不超过自付金额）`);
    total = raised;
  }
  lines.push(`合计 ${yuan(total)}`);
  const paid = prior.filter((p) => p.ruleKind === 'banded_reimbursement').reduce((s, p) => s + p.amountFen, 0);
  return capped(total, rule.termCapFen, paid, lines, 'banded_reimbursement');
}

function deductibleRatio(
  rule: Extract<BenefitRule, { kind: 'deductible_ratio' }>,
  claim: ClaimFacts,
  prior: PriorPayment[],
  lines: string[],
): Assessment {
  const expenses = claim.totalExpensesFen;
  if (expenses === undefined) return refuse('NOT_ELIGIBLE', ...lines, '缺少医疗费用总额');
  const over = expenses - rule.deductibleFen;
  lines.push(`规则：（医疗费用 ${yuan(expenses)} − 免赔额 ${yuan(rule.deductibleFen)}）× ${pct(rule.rateBp)}`);
  if (over <= 0) return refuse('NOT_ELIGIBLE', ...lines, '费用未超过免赔额');
  const computed = Math.floor((over * rule.rateBp) / 10_000);
  lines.push(`= ${yuan(computed)}`);
  if (computed <= 0) return refuse('NOT_ELIGIBLE', ...lines, '计算金额不足 1 分');
  const paid = prior.filter((p) => p.ruleKind === 'deductible_ratio').reduce((s, p) => s + p.amountFen, 0);
  return capped(computed, rule.termCapFen, paid, lines, 'deductible_ratio');
}

function deathDisability(
  rule: Extract<BenefitRule, { kind: 'death_disability' }>,
  claim: ClaimFacts,
  prior: PriorPayment[],
  lines: string[],
): Assessment {
  let computed: number;
  if (claim.kind === 'death') {
    computed = rule.sumFen;
    lines.push(`规则：意外身故，给付保额 ${yuan(rule.sumFen)}`);
  } else {
    const grade = claim.disabilityGrade;
    if (grade === undefined || !Number.isInteger(grade) || grade < 1 || grade > 10)
      return refuse('NOT_ELIGIBLE', ...lines, '伤残等级应为 1–10 级');
    const ratioBp = (11 - grade) * 1_000;
    computed = Math.floor((rule.sumFen * ratioBp) / 10_000);
    lines.push(`规则：意外伤残 ${grade} 级，按保额 ${yuan(rule.sumFen)} × ${pct(ratioBp)} = ${yuan(computed)}`);
  }
  const paid = prior.filter((p) => p.ruleKind === 'death_disability').reduce((s, p) => s + p.amountFen, 0);
  if (paid > 0) lines.push('身故与伤残合计不超过保额');
  return capped(computed, rule.sumFen, paid, lines, 'death_disability');
}
