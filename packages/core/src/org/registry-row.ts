import { errorMessages, type RowIssue } from '../errors.ts';
import { type UnitCategory, registryColumns, unitCategories, unitCategoryLabels } from '../schemas/org.schema.ts';
import { parseCreditCode } from '../validation/credit-code.ts';
import { normalizeText } from '../validation/normalize.ts';
import { checkSafeText, isContactPhone } from '../validation/safe-text.ts';

/** One valid row of the union registry (工会组织名册), ready to create or update a unit. */
export interface RegistryUnit {
  name: string;
  creditCode: string;
  creditCodeChecksumValid: boolean;
  category: UnitCategory;
  industry: string | null;
  agencyId: string;
  headcount: number;
  femaleHeadcount: number | null;
  contactName: string | null;
  contactPhone: string | null;
}

const categoryAliases: Record<string, UnitCategory> = {
  ...Object.fromEntries(unitCategories.map((c) => [c, c])),
  ...Object.fromEntries(Object.entries(unitCategoryLabels).map(([k, v]) => [v, k as UnitCategory])),
  国企: 'soe',
  民营企业: 'private',
  私营企业: 'private',
  非公有制企业: 'private',
  新业态: 'platform',
  平台企业: 'platform',
  机关单位: 'government',
};

/** Accepts the code, the Chinese label or a common alias; own keys only, so 'constructor' is not a category. */
export function parseUnitCategory(text: string): UnitCategory | null {
  const key = normalizeText(text).replace(/\s/g, '').toLowerCase();
  return Object.hasOwn(categoryAliases, key) ? categoryAliases[key]! : null;
}

const issue = (row: number, column: string, code: RowIssue['code'], severity: RowIssue['severity'] = 'error') => ({
  row,
  column,
  code,
  severity,
  message: errorMessages[code],
});

function parseCount(text: string): number | null {
  const t = normalizeText(text).replace(/[,，]/g, '');
  if (t === '') return null;
  if (!/^\d{1,8}$/.test(t)) return Number.NaN;
  return Number(t);
}

/**
 * Validates one registry row. `agencies` maps an agency code or name (as users write it) to its id.
 * Returns the unit (possibly with warnings) or the row's errors; never throws.
 */
export function validateRegistryRow(
  row: number,
  values: Record<string, string>,
  agencies: ReadonlyMap<string, string>,
): { unit: RegistryUnit | null; issues: RowIssue[] } {
  const c = registryColumns;
  const issues: RowIssue[] = [];
  const nameText = checkSafeText(normalizeText(values[c.name] ?? ''), { min: 2, max: 100 });
  const name = nameText.ok ? nameText.value : '';
  if (!nameText.ok) {
    const { problem, message } = nameText.error;
    const lengthOnly = problem === 'empty' || problem === 'too_short' || problem === 'too_long';
    issues.push(
      lengthOnly
        ? issue(row, c.name, 'NAME_INVALID')
        : { ...issue(row, c.name, 'NAME_INVALID'), message: `单位名称${message}` },
    );
  }

  const credit = parseCreditCode(values[c.creditCode] ?? '');
  if (!credit.ok) issues.push(issue(row, c.creditCode, 'CREDIT_CODE_INVALID'));
  else if (!credit.value.checksumValid) issues.push(issue(row, c.creditCode, 'CREDIT_CODE_CHECKSUM', 'warning'));

  const category = parseUnitCategory(values[c.category] ?? '');
  if (!category) issues.push(issue(row, c.category, 'CATEGORY_INVALID'));

  const agencyText = normalizeText(values[c.agency] ?? '');
  const agencyId = agencies.get(agencyText) ?? null;
  if (!agencyId) issues.push(issue(row, c.agency, 'AGENCY_UNKNOWN'));

  const headcount = parseCount(values[c.headcount] ?? '');
  if (headcount === null || Number.isNaN(headcount)) issues.push(issue(row, c.headcount, 'HEADCOUNT_INVALID'));
  const female = parseCount(values[c.femaleHeadcount] ?? '');
  if (Number.isNaN(female)) issues.push(issue(row, c.femaleHeadcount, 'HEADCOUNT_INVALID'));
  else if (female !== null && headcount !== null && !Number.isNaN(headcount) && female > headcount)
    issues.push({ ...issue(row, c.femaleHeadcount, 'HEADCOUNT_INVALID'), message: '女职工人数不能大于职工人数' });

  const phone = normalizeText(values[c.contactPhone] ?? '');
  const phoneOk = phone !== '' && isContactPhone(phone);
  if (phone && !phoneOk) issues.push(issue(row, c.contactPhone, 'PHONE_INVALID', 'warning'));
  // Free text cells are kept only when they are safe text; otherwise left empty with a warning.
  const optionalText = (column: string, max: number): string | null => {
    const r = checkSafeText(normalizeText(values[column] ?? ''), { min: 0, max });
    if (r.ok) return r.value || null;
    issues.push({ ...issue(row, column, 'NAME_INVALID', 'warning'), message: `${column}${r.error.message}，未保存` });
    return null;
  };
  const industry = optionalText(c.industry, 50);
  const contactName = optionalText(c.contactName, 30);

  if (issues.some((i) => i.severity === 'error') || !credit.ok || !category || !agencyId || headcount === null) {
    return { unit: null, issues };
  }
  return {
    unit: {
      name,
      creditCode: credit.value.code,
      creditCodeChecksumValid: credit.value.checksumValid,
      category,
      industry,
      agencyId,
      headcount,
      femaleHeadcount: female,
      contactName,
      contactPhone: phoneOk ? phone : null,
    },
    issues,
  };
}
