import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Image, List, Progress, Space, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { type ClaimMaterialView, type ClaimView, claimsApi } from '../../api/claims.api.ts';
import { formatInstant } from '../../components/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useClaimLabels } from './claim-labels.ts';

type SlotState =
  | { kind: 'idle' }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'processing' }
  | { kind: 'failed'; message: string };

const SLOTS = [1, 2, 3] as const;

/** A stored material: images preview in place, a PDF opens in a new tab (both through the scoped, audited route). */
function MaterialLink({ claimId, m }: { claimId: string; m: ClaimMaterialView }) {
  const url = claimsApi.materialUrl(claimId, m.id);
  return (
    <Space>
      {m.mimeType.startsWith('image/') ? (
        <Image src={url} width={64} height={64} style={{ objectFit: 'cover' }} alt={m.originalName} />
      ) : (
        <FilePdfOutlined style={{ fontSize: 32, color: '#cf1322' }} />
      )}
      <Space orientation="vertical" size={0}>
        <Typography.Link href={url} target="_blank" rel="noopener" data-testid="material-link">
          {m.originalName}
        </Typography.Link>
        <Typography.Text type="secondary">
          {`${Math.max(1, Math.round(m.sizeBytes / 1024))} KB · ${formatInstant(m.uploadedAt)}`}
        </Typography.Text>
      </Space>
    </Space>
  );
}

function SlotUpload({ claimId, slot, replaces }: { claimId: string; slot: number; replaces: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [state, setState] = useState<SlotState>({ kind: 'idle' });
  const abort = useRef<(() => void) | null>(null);
  // Leaving the page cancels an upload still in flight rather than finishing it unseen.
  useEffect(() => () => abort.current?.(), []);

  function start(file: File) {
    setState({ kind: 'uploading', fraction: 0 });
    const handle = claimsApi.uploadMaterial(claimId, slot, file, {
      onProgress: (fraction) => setState((s) => (s.kind === 'uploading' ? { ...s, fraction } : s)),
      onUploaded: () => setState({ kind: 'processing' }),
    });
    abort.current = handle.abort;
    handle.result.then(
      () => {
        abort.current = null;
        setState({ kind: 'idle' });
        queryClient.invalidateQueries({ queryKey: ['claim', claimId] });
      },
      (e: Error) => {
        abort.current = null;
        setState({ kind: 'failed', message: e.message });
      },
    );
  }

  if (state.kind === 'uploading' || state.kind === 'processing')
    return (
      <Progress
        style={{ width: 220 }}
        percent={state.kind === 'uploading' ? Math.round(state.fraction * 100) : 100}
        status="active"
        data-testid={`slot-progress-${slot}`}
      />
    );
  return (
    <Space orientation="vertical">
      {state.kind === 'failed' && <Alert type="error" showIcon title={state.message} data-testid="material-error" />}
      <Upload
        accept=".jpg,.jpeg,.png,.pdf"
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          start(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid={`slot-upload-${slot}`}>
          {replaces ? t('claimDetail.replace') : t('claimDetail.upload')}
        </Button>
      </Upload>
    </Space>
  );
}

/** The (at most three) material slots: what is there, what is still required, and an upload while the claim is open. */
export function ClaimMaterials({ claim, canUpload }: { claim: ClaimView; canUpload: boolean }) {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const slots = SLOTS.filter((s) => claim.requiredSlots.includes(s) || claim.materials.some((m) => m.slot === s));
  return (
    <List
      data-testid="claim-materials"
      dataSource={slots as unknown as number[]}
      renderItem={(slot) => {
        const present = claim.materials.filter((m) => m.slot === slot);
        const missing = claim.missingSlots.includes(slot);
        return (
          <List.Item
            data-testid={`slot-${slot}`}
            extra={canUpload && <SlotUpload claimId={claim.id} slot={slot} replaces={present.length > 0} />}
          >
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space>
                <Typography.Text strong>{`${slot}. ${labels.slot(slot)}`}</Typography.Text>
                {missing ? (
                  <Tag color="red">{t('claimDetail.slotMissing')}</Tag>
                ) : (
                  <Tag color="green">{t('claimDetail.slotPresent')}</Tag>
                )}
              </Space>
              <Image.PreviewGroup>
                {present.map((m) => (
                  <MaterialLink key={m.id} claimId={claim.id} m={m} />
                ))}
              </Image.PreviewGroup>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
