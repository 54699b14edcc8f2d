import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Steps } from 'antd';
import { orgApi } from '../api/org.api.ts';
import { FileDropZone, useFileUpload } from '../components/file-upload.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ImportReport } from './registry-import-report.tsx';

/** 名册导入: template, upload with real progress, then the server's summary and row-by-row report. */
export function RegistryImportPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { state, start, reset } = useFileUpload(orgApi.importRegistry, () =>
    queryClient.invalidateQueries({ queryKey: ['units'] }),
  );

  const step = state.kind === 'done' ? 2 : 1;

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
                description={`${state.fileName}：${state.error.message}`}
                style={{ marginBottom: 16 }}
                data-testid="import-error"
              />
            )}
            <FileDropZone
              state={state}
              onFile={start}
              hint={t('import.dragHint')}
              sub={t('import.dragSub')}
              uploadingText={(name) => t('import.uploading', { name })}
              processingText={t('import.processing')}
              progressTestId="import-progress"
            />
          </Card>
        )}

        {state.kind === 'done' && (
          <Card
            extra={
              <Button icon={<ReloadOutlined />} onClick={reset}>
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
