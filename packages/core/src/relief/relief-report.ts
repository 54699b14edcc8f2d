import { col, type ReportColumn } from '../analytics/report-columns.ts';
import { type ReliefCategoryCode, reliefCategoryLabels } from './relief-category.ts';

/** The relief report's rows (month × agency × category), shared by the console table and the xlsx export. */
export interface ReliefReportRowView {
  month: string;
  agencyId: string;
  agencyName?: string;
  category: string;
  count: number;
  amountFen: number;
}

export const reliefCategoryName = (c: string) => reliefCategoryLabels[c as ReliefCategoryCode] ?? c;

export const reliefReportColumns: ReportColumn<ReliefReportRowView>[] = [
  col('month', '月份', 'Month', 'text', (r) => r.month),
  col('agency', '代办处', 'Agency', 'text', (r) => r.agencyName ?? (r.agencyId || '办事处直办')),
  col('category', '救助类别', 'Category', 'text', (r) => reliefCategoryName(r.category)),
  col('count', '发放笔数', 'Count', 'int', (r) => r.count),
  col('amountFen', '发放金额（元）', 'Amount', 'fen', (r) => r.amountFen),
];
