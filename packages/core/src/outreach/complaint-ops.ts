import { col, type ReportColumn } from '../analytics/report-columns.ts';
import type { ComplaintOps, ComplaintOpsRow } from '../schemas/complaint.schema.ts';

/** The raw figures of the complaints part of the claims-operations report, per agency ('' = the office's own). */
export interface ComplaintOpsFigures {
  period: { agencyId: string; received: number; answered: number; onTime: number }[];
  open: { agencyId: string; open: number; overdue: number }[];
}

export const OFFICE_DESK = '';

/** One row per agency of the view (and the office's own desk when it holds any), and the total. */
export function assembleComplaintOps(
  f: ComplaintOpsFigures,
  view: { agencyId: string | null; agencyNames: Map<string, string> },
): ComplaintOps {
  const rows = new Map<string, ComplaintOpsRow>();
  const name = (id: string) => (id === OFFICE_DESK ? '办事处（直接受理）' : (view.agencyNames.get(id) ?? ''));
  const rowOf = (id: string) => {
    let r = rows.get(id);
    if (!r) {
      r = blank(id, name(id));
      rows.set(id, r);
    }
    return r;
  };
  if (view.agencyId !== null) rowOf(view.agencyId);
  else for (const id of view.agencyNames.keys()) if (id !== '') rowOf(id);
  for (const p of f.period) {
    const r = rowOf(p.agencyId);
    r.received += p.received;
    r.answered += p.answered;
    r.answeredOnTime += p.onTime;
  }
  for (const o of f.open) {
    const r = rowOf(o.agencyId);
    r.open += o.open;
    r.overdue += o.overdue;
  }
  const list = [...rows.values()].sort((a, b) =>
    a.agencyId === OFFICE_DESK ? 1 : b.agencyId === OFFICE_DESK ? -1 : a.agencyName.localeCompare(b.agencyName, 'zh'),
  );
  const total = blank('', '合计');
  for (const r of list) {
    total.received += r.received;
    total.answered += r.answered;
    total.answeredOnTime += r.answeredOnTime;
    total.open += r.open;
    total.overdue += r.overdue;
  }
  for (const r of [...list, total]) r.onTimeShare = r.answered === 0 ? null : r.answeredOnTime / r.answered;
  return { rows: list, total };
}

const blank = (agencyId: string, agencyName: string): ComplaintOpsRow => ({
  agencyId,
  agencyName,
  received: 0,
  answered: 0,
  answeredOnTime: 0,
  onTimeShare: null,
  open: 0,
  overdue: 0,
});

export const complaintOpsColumns: ReportColumn<ComplaintOpsRow>[] = [
  col('agencyName', '受理单位', 'Assigned to', 'text', (r) => r.agencyName),
  col('received', '收到意见投诉数', 'Complaints received', 'int', (r) => r.received),
  col('answered', '已答复数', 'Answered', 'int', (r) => r.answered),
  col('answeredOnTime', '3个工作日内答复数', 'Answered within 3 working days', 'int', (r) => r.answeredOnTime),
  col('onTimeShare', '按时答复率', 'On-time rate', 'ratio', (r) => r.onTimeShare),
  col('open', '待答复数', 'Open', 'int', (r) => r.open),
  col('overdue', '超期未答复数', 'Overdue', 'int', (r) => r.overdue),
];
