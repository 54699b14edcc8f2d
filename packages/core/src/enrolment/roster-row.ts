import { errorMessages, type ErrorCode, type RowIssue } from '../errors.ts';
import type { IsoDate } from '../time/dates.ts';
import { parseIdNumber } from '../validation/id-card.ts';
import { normalizeText } from '../validation/normalize.ts';

/** The roster template (product.md §4 step 1), in column order. */
export const rosterColumns = {
  name: '姓名',
  idNumber: '身份证号',
  mobile: '手机号',
  shares: '参保份数',
  employmentKind: '人员类别',
  medicalInsurance: '是否参加职工医保',
} as const;
export const requiredRosterColumns = [rosterColumns.name, rosterColumns.idNumber];

/**
 * Header variants other writers use, as the reader normalises them (full-width folded, spaces, stars and bracketed
 * units or notes such as （份） removed) → the template's column.
 */
export const rosterHeaderAliases: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      [rosterColumns.name, ['名字', '员工姓名', '职工姓名', '人员姓名', '参保人姓名', '会员姓名', '参保人']],
      [
        rosterColumns.idNumber,
        ['身份证号码', '身份证', '公民身份号码', '公民身份证号码', '身份证件号码', '证件号码', '证件号', '身份证件号'],
      ],
      [rosterColumns.mobile, ['手机号码', '手机', '联系电话', '联系方式', '电话', '电话号码', '移动电话', '联系手机']],
      [rosterColumns.shares, ['份数', '购买份数', '参保份额', '投保份数']],
      [rosterColumns.employmentKind, ['人员类型', '职工类别', '职工类型', '用工类型', '类别']],
      [
        rosterColumns.medicalInsurance,
        ['是否参加医保', '是否参加职工医疗保险', '是否参加职工基本医疗保险', '是否有职工医保', '职工医保', '医保'],
      ],
    ] as const
  ).flatMap(([column, variants]) => variants.map((v) => [v, column])),
);
/** Columns that are understood and not read (a running number, a remark). */
export const ignoredRosterColumns = ['序号', '编号', '备注'];

export interface RosterPerson {
  row: number;
  name: string;
  idNumber: string;
  birthDate: IsoDate;
  sex: 'male' | 'female';
  mobile: string | null;
  shares: number;
  employmentKind: 'employee' | 'gig';
  hasMedicalInsurance: boolean;
}

const NAME = /^[\p{Script=Han}·•A-Za-z][\p{Script=Han}·•A-Za-z .]{0,29}$/u;
const MOBILE = /^1[3-9]\d{9}$/;

const yes = new Set(['是', 'y', 'yes', 'true', '1', '有', '参加']);
const no = new Set(['否', 'n', 'no', 'false', '0', '无', '未参加']);

export function rowIssue(
  row: number,
  column: string,
  code: ErrorCode,
  severity: RowIssue['severity'] = 'error',
  detail?: string,
): RowIssue {
  return { row, column, code, severity, message: detail ? `${errorMessages[code]}（${detail}）` : errorMessages[code] };
}

/**
 * Checks one roster row on its own (the rules that need no database): name, ID number (checksum, real birth date,
 * 15-digit conversion, full-width and lower-case x normalised), shares as a whole number, employment kind, medical
 * insurance, mobile (a warning). Product rules (age, sex, share range, coverage) come after, in checkEligibility.
 * Blank shares mean the product minimum; a blank insurance column means 是 (as the template's example row).
 */
export function parseRosterRow(
  row: number,
  values: Record<string, string>,
  today: IsoDate,
  defaultShares: number,
  /** `idFromNumber`: the ID cell was a number of more than 15 significant digits (its last digits are lost). */
  cell: { idFromNumber?: boolean } = {},
): { person: RosterPerson | null; issues: RowIssue[] } {
  const c = rosterColumns;
  const issues: RowIssue[] = [];
  const name = normalizeText(values[c.name] ?? '');
  if (!NAME.test(name)) issues.push(rowIssue(row, c.name, 'NAME_INVALID'));

  // Never turned back into digits: about one wrong number in eleven would pass the check digit.
  const id = cell.idFromNumber
    ? ({ ok: false, error: { code: 'ID_STORED_AS_NUMBER' } } as const)
    : parseIdNumber(values[c.idNumber] ?? '', today);
  if (!id.ok) issues.push(rowIssue(row, c.idNumber, id.error.code));

  const sharesText = normalizeText(values[c.shares] ?? '');
  let shares = defaultShares;
  if (sharesText !== '') {
    // A unit may follow the number (2 份); a fraction (1.5 份) is an error, never rounded.
    const whole = /^(\d{1,3})\s*份?$/.exec(sharesText);
    shares = whole ? Number(whole[1]) : Number.NaN;
    if (Number.isNaN(shares)) issues.push(rowIssue(row, c.shares, 'SHARES_OUT_OF_RANGE', 'error', '份数应为整数'));
  }

  const kindText = normalizeText(values[c.employmentKind] ?? '');
  let employmentKind: 'employee' | 'gig' = 'employee';
  if (/新就业|新业态|gig|骑手|快递|网约车|货车/i.test(kindText)) employmentKind = 'gig';
  else if (kindText !== '' && !/在职|职工|employee/i.test(kindText))
    issues.push(
      rowIssue(row, c.employmentKind, 'VALIDATION_FAILED', 'error', '人员类别应为“在职职工”或“新就业形态劳动者”'),
    );

  const insText = normalizeText(values[c.medicalInsurance] ?? '').toLowerCase();
  let hasMedicalInsurance = true;
  if (no.has(insText)) hasMedicalInsurance = false;
  else if (insText !== '' && !yes.has(insText))
    issues.push(rowIssue(row, c.medicalInsurance, 'VALIDATION_FAILED', 'error', '应填“是”或“否”'));

  const mobileText = normalizeText(values[c.mobile] ?? '').replace(/[\s-]/g, '');
  const mobile = MOBILE.test(mobileText) ? mobileText : null;
  if (!mobile)
    issues.push(rowIssue(row, c.mobile, 'PHONE_INVALID', 'warning', mobileText === '' ? '未填写' : undefined));

  if (issues.some((i) => i.severity === 'error') || !id.ok) return { person: null, issues };
  return {
    person: {
      row,
      name,
      idNumber: id.value.idNumber,
      birthDate: id.value.birthDate,
      sex: id.value.sex,
      mobile,
      shares,
      employmentKind,
      hasMedicalInsurance,
    },
    issues,
  };
}
