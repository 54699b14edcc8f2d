import { EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { memberApi } from '../api/member.api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The masked ID number, and for roles with member.reveal a button that fetches the full number. Each reveal is a
 * new server call (and a new audit row); the number lives only in this component's state, never in the cache.
 */
export function RevealIdNumber(props: { memberId: string; masked: string; canReveal: boolean }) {
  const { t } = useI18n();
  const [full, setFull] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => memberApi.reveal(props.memberId),
    onSuccess: (r) => setFull(r.idNumber),
  });

  if (full) {
    return (
      <Space orientation="vertical" size={2}>
        <Space>
          <Typography.Text copyable className="revealed-id" data-testid="id-revealed">
            {full}
          </Typography.Text>
          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setFull(null)}>
            {t('members.hide')}
          </Button>
        </Space>
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          <SafetyCertificateOutlined /> {t('members.revealedNote')}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Space>
      <span className="revealed-id" data-testid="id-masked">
        {props.masked}
      </span>
      {props.canReveal && (
        <Popconfirm
          title={t('members.revealConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => reveal.mutate()}
        >
          <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} data-testid="reveal-button">
            {t('members.reveal')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
