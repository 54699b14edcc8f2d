import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import type { RegistryImportResult } from '@huzhu/core';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Progress, Space, Steps, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { orgApi } from '../api/org.api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ImportReport } from './registry-import-report.tsx';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; fraction: number }
  | { kind: 'processing'; fileName: string }
  | { kind: 'done'; fileName: string; result: RegistryImportResult }
  | { kind: 'failed'; fileName: string; message: string };

/** 名册导入: template, upload with real progress, then the server's summary and row-by-row report. */
export function RegistryImportPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const abort = useRef<(() => void) | null>(null);

  // Leaving the page cancels an upload still in flight rather than finishing it unseen.
  useEffect(() => () => abort.current?.(), []);

  function start(file: File) {
    const fileName = file.name;
    setState({ kind: 'uploading', fileName, fraction: 0 });
    const handle = orgApi.importRegistry(file, {
      onProgress: (fraction) => setState((s) => (s.kind === 'uploading' ? { ...s, fraction } : s)),
      onUploaded: () => setState({ kind: 'processing', fileName }),
    });
    abort.current = handle.abort;
    handle.result.then(
      (result) => {
        abort.current = null;
        setState({ kind: 'done', fileName, result });
        queryClient.invalidateQueries({ queryKey: ['units'] });
      },
      (e: Error) => {
        abort.current = null;
        setState({ kind: 'failed', fileName, message: e.message });
      },
    );
  }

  const step = state.kind === 'done' ? 2 : 1;
  const busy = state.kind === 'uploading' || state.kind === 'processing';

  return (
    <>
      <PageHeader
        title={t('menu.registryImport')}
        subtitle={t('import.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={orgApi.templateUrl} download data-testid="template-link">
            {t('import.downloadTemplate')}
          </Button>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Steps
            current={step}
            status={state.kind === 'failed' ? 'error' : undefined}
            items={[
              { title: t('import.step1'), content: t('import.step1Desc') },
              { title: t('import.step2') },
              { title: t('import.step3') },
            ]}
          />
        </Card>

        {state.kind !== 'done' && (
          <Card>
            {state.kind === 'failed' && (
              <Alert
                type="error"
                showIcon
                title={t('import.failed')}
                description={`${state.fileName}：${state.message}`}
                style={{ marginBottom: 16 }}
                data-testid="import-error"
              />
            )}
            {busy ? (
              <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }} data-testid="import-progress">
                <Typography.Text>
                  {state.kind === 'uploading'
                    ? t('import.uploading', { name: state.fileName })
                    : t('import.processing')}
                </Typography.Text>
                <Progress
                  style={{ maxWidth: 480 }}
                  percent={state.kind === 'uploading' ? Math.round(state.fraction * 100) : 100}
                  status="active"
                  format={state.kind === 'processing' ? () => '…' : undefined}
                />
              </Flex>
            ) : (
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
                <p className="ant-upload-text">{t('import.dragHint')}</p>
                <p className="ant-upload-hint">{t('import.dragSub')}</p>
              </Upload.Dragger>
            )}
          </Card>
        )}

        {state.kind === 'done' && (
          <Card
            extra={
              <Button icon={<ReloadOutlined />} onClick={() => setState({ kind: 'idle' })}>
                {t('import.again')}
              </Button>
            }
            title={state.fileName}
          >
            <ImportReport result={state.result} />
          </Card>
        )}
      </Space>
    </>
  );
}
