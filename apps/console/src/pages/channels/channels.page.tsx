import type { ChannelKind } from '@huzhu/core';
import { channelKinds } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ChannelView, channelKeys, channelsApi } from '../../api/channels.api.ts';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';

const SELF_PRODUCTS = ['GIG', 'SHORT_ACC'];

/**
 * 扫码渠道: the office's and agencies' QR channels — search by name or code, filter by kind and status, paged; make a
 * new one, open its A4 poster, close it (its code then stops working; its figures stay in the channel report).
 */
export function ChannelsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { get, update, page, pageSize } = useSearchState();
  const kind = get('kind') as ChannelKind | undefined;
  const status = get('status') as 'open' | 'closed' | undefined;
  const filters = {
    q: get('q') || undefined,
    kind: kind && (channelKinds as readonly string[]).includes(kind) ? kind : undefined,
    status: status === 'open' || status === 'closed' ? status : undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: channelKeys.list(filters),
    queryFn: () => channelsApi.list(filters),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string; kind: ChannelKind; products: string[] }>();
  const create = useMutation({
    mutationFn: channelsApi.create,
    onSuccess: (c) => {
      message.success(t('channels.created', { code: c.code }));
      setCreating(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: channelKeys.all });
    },
  });
  const close = useMutation({
    mutationFn: channelsApi.close,
    onSuccess: () => void qc.invalidateQueries({ queryKey: channelKeys.all }),
  });
  const kindLabel = (k: string) => t(`channels.kind.${k}` as MessageKey);

  return (
    <>
      <PageHeader
        title={t('menu.channels')}
        subtitle={t('channels.subtitle')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} data-testid="channel-new">
            {t('channels.new')}
          </Button>
        }
      />
      <Card>
        <Space className="filter-bar" wrap>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('channels.search')}
            defaultValue={filters.q}
            onSearch={(v) => update({ q: v || undefined })}
            data-testid="channel-search"
          />
          <Select
            style={{ width: 140 }}
            allowClear
            placeholder={t('channels.allKinds')}
            value={filters.kind}
            onChange={(v?: string) => update({ kind: v })}
            options={channelKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
          />
          <Select
            style={{ width: 140 }}
            allowClear
            placeholder={t('channels.allStatuses')}
            value={filters.status}
            onChange={(v?: string) => update({ status: v })}
            options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`channels.status.${s}`) }))}
          />
        </Space>
        <Table<ChannelView>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          scroll={{ x: 980 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            { title: t('channels.name'), dataIndex: 'name', width: 200 },
            { title: t('channels.kind'), dataIndex: 'kind', width: 100, render: kindLabel },
            {
              title: t('channels.code'),
              dataIndex: 'code',
              width: 160,
              render: (code: string, c) => (
                <Typography.Text copyable={{ text: c.url }} code>
                  {code}
                </Typography.Text>
              ),
            },
            {
              title: t('channels.agency'),
              dataIndex: 'agencyName',
              width: 120,
              render: (v: string | null) => v ?? t('channels.officeWide'),
            },
            { title: t('channels.products'), dataIndex: 'products', width: 150, render: (p: string[]) => p.join('、') },
            {
              title: t('channels.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: 'open' | 'closed') => (
                <Tag color={s === 'open' ? 'success' : 'default'}>{t(`channels.status.${s}`)}</Tag>
              ),
            },
            {
              title: t('channels.createdAt'),
              dataIndex: 'createdAt',
              width: 140,
              render: (v: string) => formatInstant(v),
            },
            {
              title: t('channels.actions'),
              key: 'actions',
              width: 200,
              render: (_: unknown, c) => (
                <Space>
                  <a href={channelsApi.posterUrl(c.id)} target="_blank" rel="noreferrer">
                    {t('channels.poster')}
                  </a>
                  <Link to={`/queue/${c.id}`} data-testid="channel-queue-link">
                    {t('channelReport.queue')}
                  </Link>
                  {c.status === 'open' && (
                    <Popconfirm title={t('channels.closeConfirm')} onConfirm={() => close.mutate(c.id)}>
                      <Button type="link" size="small" danger>
                        {t('channels.close')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('channels.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'station', products: SELF_PRODUCTS }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input maxLength={60} data-testid="channel-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('channels.kind')} rules={[{ required: true }]}>
            <Select options={channelKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
          </Form.Item>
          <Form.Item name="products" label={t('channels.products')} rules={[{ required: true }]}>
            <Checkbox.Group options={SELF_PRODUCTS.map((p) => ({ value: p, label: p }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
