import type { ReportColumn } from '@huzhu/core';

/** The cells a report workbook must hold for these rows (headers first): what the columns read, money in yuan. */
export function expectedCells<Row>(columns: readonly ReportColumn<Row>[], rows: readonly Row[]): unknown[][] {
  return [
    columns.map((c) => c.zh),
    ...rows.map((r) =>
      columns.map((c) => {
        const v = c.value(r);
        return c.kind === 'fen' && typeof v === 'number' ? v / 100 : v;
      }),
    ),
  ];
}
