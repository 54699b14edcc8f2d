import { type BenefitRule, type ClaimKind, formatFen } from '@huzhu/core';
import { formatBp, formatYuanPlain } from '../components/format.ts';
import type { Locale } from './locale.ts';

export interface BenefitText {
  title: string;
  lines: string[];
}

type Bands = Extract<BenefitRule, { kind: 'banded_reimbursement' }>['bands'];
type Stages = NonNullable<Extract<BenefitRule, { kind: 'lump_sum' }>['stages']>;

/** Marginal bands as a reader of the leaflet expects them: “0–5,000 元 30%；…；30,000 元以上 50%”. */
function bandsText(bands: Bands, zh: boolean): string {
  let from = 0;
  const parts = bands.map((b) => {
    const rate = formatBp(b.rateBp);
    const text =
      b.uptoFen === null
        ? zh
          ? `${formatYuanPlain(from)} 元以上 ${rate}`
          : `over ¥${formatYuanPlain(from)}: ${rate}`
        : zh
          ? `${formatYuanPlain(from)}–${formatYuanPlain(b.uptoFen)} 元 ${rate}`
          : `¥${formatYuanPlain(from)}–${formatYuanPlain(b.uptoFen)}: ${rate}`;
    from = b.uptoFen ?? from;
    return text;
  });
  return parts.join(zh ? '；' : '; ');
}

function stagesText(stages: Stages, zh: boolean): string {
  const parts = stages.map((s) => {
    const days = s.toDay === null ? (zh ? `第 ${s.fromDay} 天起` : `from day ${s.fromDay}`) : `${s.fromDay}–${s.toDay}`;
    const inSitu =
      s.inSituAmountPerShareFen !== undefined && s.inSituAmountPerShareFen !== s.amountPerShareFen
        ? zh
          ? `（原位癌 ${formatFen(s.inSituAmountPerShareFen)}）`
          : ` (in situ ${formatFen(s.inSituAmountPerShareFen)})`
        : '';
    return zh
      ? `${s.toDay === null ? days : `第 ${days} 天`} 每份 ${formatFen(s.amountPerShareFen)}${inSitu}`
      : `${s.toDay === null ? days : `days ${days}`}: ${formatFen(s.amountPerShareFen)} per share${inSitu}`;
  });
  return zh
    ? `分段等待：${parts.join('；')}；此后按全额给付`
    : `Staged waiting: ${parts.join('; ')}; full amount after`;
}

/** One benefit rule in plain words, in the console's language (amounts are fen, shown as yuan). */
export function describeBenefit(rule: BenefitRule, locale: Locale, kindLabel: (k: ClaimKind) => string): BenefitText {
  const zh = locale === 'zh';
  const kinds = rule.claimKinds.map(kindLabel).join(zh ? '、' : ', ');
  const applies = zh ? `适用：${kinds}` : `Applies to: ${kinds}`;
  switch (rule.kind) {
    case 'lump_sum':
      return {
        title: zh ? '一次性给付' : 'Lump sum',
        lines: [
          zh
            ? `首次确诊所列疾病，每份 ${formatFen(rule.amountPerShareFen)}`
            : `First diagnosis of a listed disease: ${formatFen(rule.amountPerShareFen)} per share`,
          ...(rule.inSituAmountPerShareFen !== undefined
            ? [
                zh
                  ? `原位癌每份 ${formatFen(rule.inSituAmountPerShareFen)}`
                  : `Carcinoma in situ: ${formatFen(rule.inSituAmountPerShareFen)} per share`,
              ]
            : []),
          ...(rule.stages && rule.stages.length > 0 ? [stagesText(rule.stages, zh)] : []),
          zh ? '给付一次后该保障终止' : 'Pays once; the policy then ends',
          applies,
        ],
      };
    case 'daily_allowance':
      return {
        title: zh ? '住院津贴' : 'Daily hospital allowance',
        lines: [
          zh
            ? `每份每天 ${formatFen(rule.amountPerShareFen)}`
            : `${formatFen(rule.amountPerShareFen)} per share per day`,
          zh
            ? `每次住院免赔 ${rule.deductibleDaysPerAdmission} 天，每个保障期最多 ${rule.maxDaysPerTerm} 天`
            : `${rule.deductibleDaysPerAdmission} deductible days per stay, at most ${rule.maxDaysPerTerm} days per term`,
          applies,
        ],
      };
    case 'banded_reimbursement':
      return {
        title: zh ? '按档累进报销（医保后自付部分）' : 'Banded reimbursement of the self-paid part',
        lines: [
          zh ? `按档累进：${bandsText(rule.bands, zh)}` : `Marginal bands: ${bandsText(rule.bands, zh)}`,
          zh
            ? `最低给付 ${formatFen(rule.minPayoutFen)}，每个保障期累计封顶 ${formatFen(rule.termCapFen)}`
            : `Minimum payout ${formatFen(rule.minPayoutFen)}; cap ${formatFen(rule.termCapFen)} per term`,
          applies,
        ],
      };
    case 'deductible_ratio':
      return {
        title: zh ? '扣除免赔额后按比例报销' : 'Ratio after a deductible',
        lines: [
          zh
            ? `（医疗费用 − ${formatFen(rule.deductibleFen)}）× ${formatBp(rule.rateBp)}`
            : `(expenses − ${formatFen(rule.deductibleFen)}) × ${formatBp(rule.rateBp)}`,
          zh ? `每个保障期封顶 ${formatFen(rule.termCapFen)}` : `Cap ${formatFen(rule.termCapFen)} per term`,
          applies,
        ],
      };
    case 'death_disability':
      return {
        title: zh ? '身故与伤残' : 'Death and disability',
        lines: [
          zh ? `身故给付 ${formatFen(rule.sumFen)}` : `Death: ${formatFen(rule.sumFen)}`,
          zh ? '伤残 1–10 级按（11 − 等级）× 10% 给付' : 'Disability grade 1–10 pays (11 − grade) × 10% of the sum',
          zh
            ? `同一保障期内身故与伤残合计不超过 ${formatFen(rule.sumFen)}`
            : `Death and disability together never exceed ${formatFen(rule.sumFen)} in one term`,
          applies,
        ],
      };
  }
}
