import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { type Batch, formatFen } from '@huzhu/core';
import { Alert, Button, Flex, Popconfirm, Space, Typography } from 'antd';
import { enrolmentApi } from '../api/enrolment.api.ts';
import { BatchIssuesTable, IssuesTable } from '../components/issues-table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { BatchSummary } from './batch-summary.tsx';

/** What the server made of an uploaded roster: counts, total due, every row's issues, the export and the submit. */
export function RosterResult(props: { batch: Batch; onSubmit(): void; submitting: boolean }) {
  const { t } = useI18n();
  const { batch } = props;
  const hasErrors = batch.rejectedRows > 0 || batch.issues.some((i) => i.severity === 'error');
  return (
    <Space orientation="vertical" size={20} style={{ width: '100%' }}>
      <Alert
        type={batch.acceptedRows === 0 ? 'error' : batch.rejectedRows > 0 ? 'warning' : 'success'}
        showIcon
        title={
          batch.acceptedRows === 0
            ? t('enrol.resultAllFailed')
            : batch.rejectedRows > 0
              ? t('enrol.resultWithErrors')
              : t('enrol.resultOk')
        }
        description={t('enrol.resultHint', { accepted: batch.acceptedRows, fee: formatFen(batch.totalFeeFen) })}
      />
      <BatchSummary batch={batch} />
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('import.issues')}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={enrolmentApi.errorsUrl(batch.id)}
            download
            disabled={!hasErrors}
            data-testid="export-errors"
          >
            {t('batch.exportErrors')}
          </Button>
          <Popconfirm
            title={t('batch.submitConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={props.onSubmit}
            disabled={batch.acceptedRows === 0}
          >
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={props.submitting}
              disabled={batch.acceptedRows === 0}
            >
              {t('batch.submit')}
            </Button>
          </Popconfirm>
        </Space>
      </Flex>
      {/* The upload answers with the first issues only; more are paged from the server. */}
      {batch.issueCount > batch.issues.length ? (
        <BatchIssuesTable batchId={batch.id} />
      ) : (
        <IssuesTable issues={batch.issues} />
      )}
    </Space>
  );
}
