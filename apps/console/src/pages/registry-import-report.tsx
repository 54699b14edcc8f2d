import type { RegistryImportResult } from '@huzhu/core';
import { Col, Empty, Result, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

type Issue = RegistryImportResult['issues'][number] & { key: number };
type SeverityFilter = 'all' | Issue['severity'];

/** The summary of an import and its row report (Excel row, column, code, severity, message), filterable by severity. */
export function ImportReport({ result }: { result: RegistryImportResult }) {
  const { t } = useI18n();
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  const counts = useMemo(
    () => ({
      error: result.issues.filter((i) => i.severity === 'error').length,
      warning: result.issues.filter((i) => i.severity === 'warning').length,
    }),
    [result.issues],
  );
  const issues = useMemo<Issue[]>(() => result.issues.map((i, key) => ({ ...i, key })), [result.issues]);
  const rows = severity === 'all' ? issues : issues.filter((i) => i.severity === severity);

  return (
    <div data-testid="import-result">
      <Result
        style={{ padding: '8px 0 24px' }}
        status={result.rejectedRows > 0 ? 'warning' : 'success'}
        title={result.rejectedRows > 0 ? t('import.resultWithErrors') : t('import.resultOk')}
      />
      <Row gutter={16} style={{ marginBottom: 24 }}>
        <Col span={6}>
          <Statistic title={t('import.totalRows')} value={result.totalRows} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('import.createdUnits')}
            value={result.createdUnits}
            styles={{ content: { color: '#389e0d' } }}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('import.updatedUnits')}
            value={result.updatedUnits}
            styles={{ content: { color: '#1f6fd1' } }}
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('import.rejectedRows')}
            value={result.rejectedRows}
            styles={{ content: { color: result.rejectedRows > 0 ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      <Typography.Title level={5}>{t('import.issues')}</Typography.Title>
      <Segmented<SeverityFilter>
        style={{ marginBottom: 12 }}
        value={severity}
        onChange={setSeverity}
        options={[
          { value: 'all', label: `${t('common.all')} ${result.issues.length}` },
          { value: 'error', label: `${t('import.error')} ${counts.error}` },
          { value: 'warning', label: `${t('import.warning')} ${counts.warning}` },
        ]}
        data-testid="severity-filter"
      />
      <Table<Issue>
        rowKey="key"
        size="small"
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('import.noIssues')} /> }}
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
    </div>
  );
}
