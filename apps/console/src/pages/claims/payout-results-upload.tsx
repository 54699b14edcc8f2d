import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/http-client.ts';
import {
  type PayoutBatchView,
  type PayoutFileRowView,
  type PayoutResultFileView,
  payoutsApi,
} from '../../api/payouts.api.ts';
import { FileDropZone, useFileUpload } from '../../components/file-upload.tsx';
import { type FileIssue, IssuesTable } from '../../components/issues-table.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const statusColor = { paid: 'success', failed: 'error' } as const;

/** The row problems of a refused file (details.issues, as the roster import reports them), if the answer has them. */
function issuesOf(e: unknown): FileIssue[] {
  if (!(e instanceof ApiError)) return [];
  const issues = (e.details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as FileIssue[]) : [];
}

/**
 * 上传银行回单: the bank's result file for one batch, sent with real progress; then each row's outcome, or every bad
 * row of a refused file (nothing recorded then). `onApplied` gets the batch as it stands after the file.
 */
export function PayoutResultsUpload(props: {
  batchId: string;
  /** Nothing left waiting for the bank. */
  disabled?: boolean;
  onApplied(batch: PayoutBatchView): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { state, start, reset } = useFileUpload<PayoutResultFileView>(
    (file, handlers) => payoutsApi.resultsFile(props.batchId, file, handlers),
    (result) => props.onApplied(result.batch),
  );
  const failedIssues = state.kind === 'failed' ? issuesOf(state.error) : [];

  function close() {
    reset();
    setOpen(false);
  }

  return (
    <>
      <Button
        icon={<UploadOutlined />}
        disabled={props.disabled}
        onClick={() => setOpen(true)}
        data-testid="upload-results"
      >
        {t('payouts.uploadResults')}
      </Button>
      <Modal
        title={state.kind === 'idle' ? t('payouts.uploadResults') : t('payouts.uploadTitle', { name: state.fileName })}
        open={open}
        width={880}
        onCancel={close}
        footer={
          <Space>
            {(state.kind === 'done' || state.kind === 'failed') && (
              <Button icon={<ReloadOutlined />} onClick={reset}>
                {t('payouts.uploadAgain')}
              </Button>
            )}
            <Button type="primary" onClick={close}>
              {t('payouts.close')}
            </Button>
          </Space>
        }
        destroyOnHidden
      >
        {state.kind === 'failed' && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="upload-results-error">
            <Alert
              type="error"
              showIcon
              title={t('payouts.uploadFailed')}
              description={
                failedIssues.length > 0
                  ? t('payouts.uploadIssues', { count: failedIssues.length })
                  : state.error.message
              }
            />
            {failedIssues.length > 0 && <IssuesTable issues={failedIssues} />}
          </Space>
        )}
        {state.kind === 'done' && <AppliedRows rows={state.result.rows} />}
        {state.kind !== 'done' && state.kind !== 'failed' && (
          <FileDropZone
            state={state}
            onFile={start}
            hint={t('payouts.uploadHint')}
            sub={t('payouts.uploadSub')}
            uploadingText={(name) => t('payouts.uploading', { name })}
            processingText={t('payouts.processing')}
            progressTestId="upload-results-progress"
          />
        )}
      </Modal>
    </>
  );
}

function AppliedRows({ rows }: { rows: PayoutFileRowView[] }) {
  const { t } = useI18n();
  const paid = rows.filter((r) => r.status === 'paid').length;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="upload-results-rows">
      <Alert
        type={paid === rows.length ? 'success' : 'warning'}
        showIcon
        title={t('payouts.uploadDone', { count: rows.length, paid, failed: rows.length - paid })}
      />
      <Table<PayoutFileRowView>
        rowKey="row"
        size="small"
        dataSource={rows}
        pagination={rows.length > 20 ? { defaultPageSize: 20 } : false}
        columns={[
          { title: t('payouts.row'), dataIndex: 'row', width: 70 },
          { title: t('payouts.payee'), dataIndex: 'payeeName', width: 120 },
          { title: t('payouts.reference'), dataIndex: 'claimId', render: (id: string) => <code>{id}</code> },
          {
            title: t('payouts.itemStatus'),
            dataIndex: 'status',
            width: 110,
            render: (s: PayoutFileRowView['status']) => <Tag color={statusColor[s]}>{t(`payouts.item.${s}`)}</Tag>,
          },
          { title: t('payouts.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
        ]}
      />
    </Space>
  );
}
