import { Empty, Segmented, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** One problem of an uploaded file, as the registry and roster imports report it. */
export interface FileIssue {
  row: number;
  column: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

type Issue = FileIssue & { key: number };
type SeverityFilter = 'all' | FileIssue['severity'];

/** A file's row report (Excel row, column, code, severity, Chinese message), filterable by severity. */
export function IssuesTable({ issues, emptyText }: { issues: FileIssue[]; emptyText?: string }) {
  const { t } = useI18n();
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  // The server reports some checks as they finish (eligibility after a batch of rows); readers expect file order.
  const keyed = useMemo<Issue[]>(
    () => issues.map((i, key) => ({ ...i, key })).sort((a, b) => a.row - b.row || a.key - b.key),
    [issues],
  );
  const counts = useMemo(
    () => ({
      error: issues.filter((i) => i.severity === 'error').length,
      warning: issues.filter((i) => i.severity === 'warning').length,
    }),
    [issues],
  );
  const rows = severity === 'all' ? keyed : keyed.filter((i) => i.severity === severity);

  return (
    <>
      <Segmented<SeverityFilter>
        style={{ marginBottom: 12 }}
        value={severity}
        onChange={setSeverity}
        options={[
          { value: 'all', label: `${t('common.all')} ${issues.length}` },
          { value: 'error', label: `${t('import.error')} ${counts.error}` },
          { value: 'warning', label: `${t('import.warning')} ${counts.warning}` },
        ]}
        data-testid="severity-filter"
      />
      <Table<Issue>
        rowKey="key"
        size="small"
        dataSource={rows}
        data-testid="issues-table"
        locale={{ emptyText: <Empty description={emptyText ?? t('import.noIssues')} /> }}
        pagination={{ defaultPageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row },
          { title: t('import.column'), dataIndex: 'column', width: 160 },
          { title: t('import.code'), dataIndex: 'code', width: 220, render: (c: string) => <code>{c}</code> },
          {
            title: t('import.severity'),
            dataIndex: 'severity',
            width: 90,
            render: (s: Issue['severity']) =>
              s === 'error' ? (
                <Tag color="error">{t('import.error')}</Tag>
              ) : (
                <Tag color="warning">{t('import.warning')}</Tag>
              ),
          },
          { title: t('import.message'), dataIndex: 'message' },
        ]}
      />
    </>
  );
}
