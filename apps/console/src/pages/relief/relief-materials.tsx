import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, List, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { http } from '../../api/http-client.ts';
import type { ReliefView } from '../../api/relief.api.ts';
import { uploadFile } from '../../api/upload.ts';
import { formatInstant } from '../../components/format.ts';

interface Material {
  id: string;
  slot: number;
  originalName: string;
  sizeBytes: number;
  uploadedAt: string;
}

/**
 * The application's materials (at most 3): one upload per paper; the same file also fills that slot of every claim
 * filed with it (一站式), so the papers are never uploaded twice.
 */
export function ReliefMaterials({
  relief,
  names,
  canUpload,
}: {
  relief: ReliefView;
  names: string[];
  canUpload: boolean;
}) {
  const queryClient = useQueryClient();
  const key = ['relief', 'materials', relief.id];
  const list = useQuery({
    queryKey: key,
    queryFn: () => http.get<Material[]>(`/relief/${encodeURIComponent(relief.id)}/materials`),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const slots = [1, 2, 3].slice(0, Math.max(names.length, 1));
  const start = (slot: number, file: File) => {
    setBusy(slot);
    setError(null);
    uploadFile(
      `/relief/${encodeURIComponent(relief.id)}/materials`,
      file,
      { onProgress: () => {}, onUploaded: () => {} },
      { fields: { slot: String(slot) } },
    )
      .result.then(
        () => {
          queryClient.invalidateQueries({ queryKey: key });
          queryClient.invalidateQueries({ queryKey: ['claim'] });
        },
        (e: Error) => setError(e.message),
      )
      .finally(() => setBusy(null));
  };
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <List
        data-testid="relief-materials"
        dataSource={slots}
        renderItem={(slot) => {
          const m = list.data?.find((x) => x.slot === slot);
          return (
            <List.Item
              data-testid={`relief-slot-${slot}`}
              extra={
                canUpload && (
                  <Upload
                    accept=".jpg,.jpeg,.png,.pdf"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      start(slot, file);
                      return Upload.LIST_IGNORE;
                    }}
                  >
                    <Button
                      icon={<UploadOutlined />}
                      loading={busy === slot}
                      data-testid={`relief-slot-upload-${slot}`}
                    >
                      {m ? '替换' : '上传'}
                    </Button>
                  </Upload>
                )
              }
            >
              <Space>
                <Typography.Text strong>{`${slot}. ${names[slot - 1] ?? '材料'}`}</Typography.Text>
                {m ? <Tag color="green">已上传</Tag> : <Tag color="red">待上传</Tag>}
                {m && (
                  <Typography.Text type="secondary">{`${m.originalName} · ${Math.max(1, Math.round(m.sizeBytes / 1024))} KB · ${formatInstant(m.uploadedAt)}`}</Typography.Text>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </>
  );
}
