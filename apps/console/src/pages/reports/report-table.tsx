import { formatCell, type ReportColumn } from '@huzhu/core';
import { Table, type TableProps, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * A report table drawn from the report's shared column definitions — the same ones the server writes the xlsx
 * from — so the screen and the export cannot drift apart: same columns, same order, same formatting. The total
 * row, when there is one, is the table's summary row, as it is the workbook's last row.
 */
export function ReportTable<Row extends object>(props: {
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
  total?: Row;
  rowKey: (row: Row, index: number) => string;
  loading?: boolean;
  testId?: string;
  pagination?: TableProps<{ row: Row; key: string }>['pagination'];
  /** Rows that are subtotals inside the body (a year's total among its products) read in bold. */
  isSubtotal?: (row: Row) => boolean;
}) {
  const { locale } = useI18n();
  const align = (c: ReportColumn<Row>) => (c.kind === 'text' || c.kind === 'date' ? 'left' : 'right');
  const keyed = props.rows.map((row, i) => ({ row, key: props.rowKey(row, i) }));
  return (
    <Table<{ row: Row; key: string }>
      data-testid={props.testId}
      className="report-table"
      size="middle"
      bordered
      loading={props.loading}
      rowKey="key"
      dataSource={keyed}
      pagination={props.pagination ?? false}
      rowClassName={({ row }) => (props.isSubtotal?.(row) ? 'report-subtotal-row' : '')}
      scroll={{ x: 'max-content' }}
      columns={props.columns.map((c) => ({
        key: c.key,
        title: locale === 'zh' ? c.zh : c.en,
        align: align(c),
        render: (_, { row }) => formatCell(c.kind, c.value(row)),
      }))}
      summary={
        props.total
          ? () => (
              <Table.Summary fixed>
                <Table.Summary.Row className="report-total-row">
                  {props.columns.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i} align={align(c)}>
                      <Typography.Text strong>{formatCell(c.kind, c.value(props.total as Row))}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          : undefined
      }
    />
  );
}
