import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Segmented, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
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
  const columns = useIssueColumns<Issue>();

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
        columns={columns}
      />
    </>
  );
}

function useIssueColumns<T extends FileIssue>(): TableColumnsType<T> {
  const { t } = useI18n();
  return [
    { title: t('import.row'), dataIndex: 'row', width: 80, sorter: (a: T, b: T) => a.row - b.row },
    { title: t('import.column'), dataIndex: 'column', width: 160 },
    { title: t('import.code'), dataIndex: 'code', width: 220, render: (c: string) => <code>{c}</code> },
    {
      title: t('import.severity'),
      dataIndex: 'severity',
      width: 90,
      render: (s: FileIssue['severity']) =>
        s === 'error' ? <Tag color="error">{t('import.error')}</Tag> : <Tag color="warning">{t('import.warning')}</Tag>,
    },
    { title: t('import.message'), dataIndex: 'message' },
  ];
}

/**
 * A batch's issues paged from the server (GET /enrolment-batches/:id/issues): a roster may carry one per row of
 * 100,000, which the batch itself no longer carries (only the first few and the count).
 */
export function BatchIssuesTable({ batchId }: { batchId: string }) {
  const { t } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const issues = useQuery({
    queryKey: enrolmentKeys.issues(batchId, paging.page, paging.pageSize),
    queryFn: () => enrolmentApi.issues(batchId, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  const columns = useIssueColumns<FileIssue & { key: number }>();
  const offset = (paging.page - 1) * paging.pageSize;
  return (
    <Table<FileIssue & { key: number }>
      rowKey="key"
      size="small"
      data-testid="issues-table"
      loading={issues.isFetching}
      dataSource={issues.data?.items.map((i, n) => ({ ...i, key: offset + n }))}
      locale={{ emptyText: <Empty description={t('import.noIssues')} /> }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: issues.data?.total ?? 0,
        showTotal: (total) => t('common.total', { total }),
        onChange: (page, pageSize) => setPaging({ page, pageSize }),
      }}
      columns={columns}
    />
  );
}
