import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type ApiTokenView, adminApi, adminKeys, type CreatedToken } from '../api/admin.api.ts';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { formatInstant } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { TokenCreateModal } from './token-create.modal.tsx';

export function ApiTokensPage() {
  const { t, labels } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const { get, update, page, pageSize } = useSearchState();
  const query = { q: get('q'), page, pageSize };
  // Newest first (the server's order): the token just created is at the top of page 1.
  const tokens = useQuery({
    queryKey: adminKeys.tokenPage(query),
    queryFn: () => adminApi.tokens(query),
    placeholderData: keepPreviousData,
  });
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies });
  const agencyNames = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);

  const revoke = useMutation({
    mutationFn: (id: string) => adminApi.revokeToken(id),
    onSuccess: () => {
      message.success(t('tokens.revokedOk'));
      queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
    },
  });

  return (
    <>
      <PageHeader
        title={t('menu.apiTokens')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <Card>
        <Space className="filter-bar">
          <Input.Search
            key={query.q ?? ''}
            allowClear
            defaultValue={query.q}
            placeholder={t('tokens.searchPlaceholder')}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 280 }}
          />
        </Space>
        <Table<ApiTokenView>
          rowKey="id"
          size="middle"
          loading={tokens.isFetching}
          dataSource={tokens.data?.items}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: tokens.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            { title: t('tokens.name'), dataIndex: 'name' },
            {
              title: t('tokens.role'),
              dataIndex: 'role',
              width: 160,
              render: (r: ApiTokenView['role']) => <Tag color="blue">{labels.role(r)}</Tag>,
            },
            {
              title: t('tokens.agency'),
              dataIndex: 'agencyId',
              width: 160,
              render: (id: string | null) => (id ? (agencyNames.get(id) ?? id) : t('common.none')),
            },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              width: 160,
              render: (v: string) => formatInstant(v),
            },
            {
              title: t('tokens.lastUsed'),
              dataIndex: 'lastUsedAt',
              width: 160,
              render: (v: string | null) => formatInstant(v),
            },
            {
              title: t('tokens.status'),
              dataIndex: 'revokedAt',
              width: 100,
              render: (v: string | null) =>
                v ? <Tag>{t('tokens.revoked')}</Tag> : <Tag color="green">{t('tokens.active')}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              render: (_: unknown, tok) =>
                !tok.revokedAt && (
                  <Popconfirm
                    title={t('tokens.revokeConfirm')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => revoke.mutate(tok.id)}
                  >
                    <Button type="link" size="small" danger>
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <TokenCreateModal open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <Modal
        title={t('tokens.createdTitle')}
        open={!!created}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('tokens.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('tokens.createdNote')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          copyable={{ text: created?.token }}
          code
          data-testid="created-token"
          style={{ wordBreak: 'break-all' }}
        >
          {created?.token}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('tokens.usage')}</Typography.Text>
      </Modal>
    </>
  );
}
