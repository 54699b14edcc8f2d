import type { RegistryImportResult } from '@huzhu/core';
import { Col, Result, Row, Statistic, Typography } from 'antd';
import { IssuesTable } from '../components/issues-table.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** The summary of an import and its row report (Excel row, column, code, severity, message), filterable by severity. */
export function ImportReport({ result }: { result: RegistryImportResult }) {
  const { t } = useI18n();
  return (
    <div data-testid="import-result">
      <Result
        style={{ padding: '8px 0 24px' }}
        status={result.rejectedRows === result.totalRows ? 'error' : result.rejectedRows > 0 ? 'warning' : 'success'}
        title={
          result.rejectedRows === result.totalRows
            ? t('import.resultAllFailed')
            : result.rejectedRows > 0
              ? t('import.resultWithErrors')
              : t('import.resultOk')
        }
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
      <IssuesTable issues={result.issues} />
    </div>
  );
}
