/**
 * Report columns, defined once for the screen and the xlsx export (the export must match the screen): a key, the
 * Chinese and English headers, the kind of value, and how to read it from a row. The console renders tables from
 * these; the server writes workbooks from them.
 */
export type ReportCellKind = 'text' | 'int' | 'fen' | 'ratio' | 'decimal' | 'date';

export interface ReportColumn<Row> {
  key: string;
  zh: string;
  en: string;
  kind: ReportCellKind;
  value: (row: Row) => string | number | null;
}

export interface ReportSheet<Row = unknown> {
  name: string;
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
}

export const col = <Row>(
  key: string,
  zh: string,
  en: string,
  kind: ReportCellKind,
  value: (row: Row) => string | number | null,
): ReportColumn<Row> => ({ key, zh, en, kind, value });

/** Unit categories (product.md §2) and the individual channel, as report labels. */
export const categoryLabels: Record<string, { zh: string; en: string }> = {
  government: { zh: '机关', en: 'Government' },
  institution: { zh: '事业单位', en: 'Public institution' },
  soe: { zh: '国有企业', en: 'State-owned enterprise' },
  private: { zh: '非公企业', en: 'Private enterprise' },
  platform: { zh: '新业态平台企业', en: 'Platform enterprise' },
  social_org: { zh: '社会组织', en: 'Social organisation' },
  other: { zh: '其他', en: 'Other' },
  gig: { zh: '新就业形态劳动者（个人参保）', en: 'Gig workers (individual enrolment)' },
  individual: { zh: '个人参保', en: 'Individual enrolment' },
};

export const categoryLabel = (category: string | null, lang: 'zh' | 'en' = 'zh'): string =>
  category === null ? (lang === 'zh' ? '全部类别' : 'All categories') : (categoryLabels[category]?.[lang] ?? category);

/** Display text of a cell as the console shows it (the xlsx keeps numbers as numbers with the same format). */
export function formatCell(kind: ReportCellKind, value: string | number | null): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'fen':
      return (value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'decimal':
      return value.toFixed(2);
    case 'int':
      return value.toLocaleString('zh-CN');
    default:
      return String(value);
  }
}
