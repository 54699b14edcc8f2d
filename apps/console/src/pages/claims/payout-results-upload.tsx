import { InboxOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/http-client.ts';
import {
  type PayoutBatchView,
  type PayoutFileRowView,
  type PayoutResultFileView,
  payoutsApi,
} from '../../api/payouts.api.ts';
import { type FileIssue, IssuesTable } from '../../components/issues-table.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; fraction: number }
  | { kind: 'processing'; fileName: string }
  | { kind: 'done'; fileName: string; result: PayoutResultFileView }
  | { kind: 'failed'; fileName: string; message: string; issues: FileIssue[] };

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
  const [state, setState] = useState<UploadState>({ kind: 'idle' });
  const abort = useRef<(() => void) | null>(null);
  useEffect(() => () => abort.current?.(), []);
  const busy = state.kind === 'uploading' || state.kind === 'processing';

  function start(file: File) {
    const fileName = file.name;
    setState({ kind: 'uploading', fileName, fraction: 0 });
    const handle = payoutsApi.resultsFile(props.batchId, file, {
      onProgress: (fraction) => setState((s) => (s.kind === 'uploading' ? { ...s, fraction } : s)),
      onUploaded: () => setState({ kind: 'processing', fileName }),
    });
    abort.current = handle.abort;
    handle.result.then(
      (result) => {
        abort.current = null;
        setState({ kind: 'done', fileName, result });
        props.onApplied(result.batch);
      },
      (e: Error) => {
        abort.current = null;
        setState({ kind: 'failed', fileName, message: e.message, issues: issuesOf(e) });
      },
    );
  }

  function close() {
    abort.current?.();
    setOpen(false);
    setState({ kind: 'idle' });
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
              <Button icon={<ReloadOutlined />} onClick={() => setState({ kind: 'idle' })}>
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
                state.issues.length > 0 ? t('payouts.uploadIssues', { count: state.issues.length }) : state.message
              }
            />
            {state.issues.length > 0 && <IssuesTable issues={state.issues} />}
          </Space>
        )}
        {state.kind === 'done' && <AppliedRows rows={state.result.rows} />}
        {busy && (
          <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }} data-testid="upload-results-progress">
            <Typography.Text>
              {state.kind === 'uploading' ? t('payouts.uploading', { name: state.fileName }) : t('payouts.processing')}
            </Typography.Text>
            <Progress
              style={{ maxWidth: 480 }}
              percent={state.kind === 'uploading' ? Math.round(state.fraction * 100) : 100}
              status="active"
              format={state.kind === 'processing' ? () => '…' : undefined}
            />
          </Flex>
        )}
        {state.kind === 'idle' && (
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              start(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('payouts.uploadHint')}</p>
            <p className="ant-upload-hint">{t('payouts.uploadSub')}</p>
          </Upload.Dragger>
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
