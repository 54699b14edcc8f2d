import { formatFen } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ReliefBatchView, reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { useCan, useCurrentSession } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface BatchForm {
  name: string;
  eventDate?: Dayjs;
  source: 'hardship' | 'list';
  memberIds?: string;
}

/** 节日慰问批次: an office batch for a member list or the hardship files in force, decided and paid as one. */
export function ReliefBatchesPage() {
  const { t } = useI18n();
  const can = useCan();
  const { user } = useCurrentSession();
  const queryClient = useQueryClient();
  const { update, page, pageSize } = useSearchState();
  const f = { page, pageSize };
  const list = useQuery({
    queryKey: reliefKeys.batches(f),
    queryFn: () => reliefApi.batches(f),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<BatchForm>();
  const source = Form.useWatch('source', form);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['relief-batches'] });
  const create = useMutation({
    mutationFn: (v: BatchForm) =>
      reliefApi.createBatch({
        category: 'holiday',
        name: v.name.trim(),
        ...(v.eventDate ? { eventDate: v.eventDate.format('YYYY-MM-DD') } : {}),
        ...(v.source === 'list'
          ? { memberIds: (v.memberIds ?? '').split(/[\s,，]+/).filter(Boolean) }
          : { criteria: { hardshipInForce: true as const } }),
      }),
    meta: { ownErrors: true },
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      refresh();
    },
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
      reliefApi.decideBatch(id, decision, decision === 'reject' ? '本次不予发放' : undefined),
    onSuccess: refresh,
  });

  return (
    <>
      <PageHeader
        title={t('menu.reliefBatches')}
        extra={
          can('relief.manage') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="relief-batch-new">
              {t('batch.new')}
            </Button>
          )
        }
      />
      {decide.isError && <Alert type="error" showIcon title={decide.error.message} style={{ marginBottom: 12 }} />}
      <Card>
        <Table<ReliefBatchView>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p) => update({ page: p }, true),
          }}
          columns={[
            {
              title: t('batch.name'),
              key: 'n',
              render: (_, b) => <Link to={`/relief?batchId=${b.id}`}>{b.name}</Link>,
            },
            { title: t('relief.eventDate'), dataIndex: 'eventDate' },
            { title: t('batch.count'), dataIndex: 'count', align: 'right' },
            { title: t('batch.total'), key: 't', align: 'right', render: (_, b) => formatFen(b.totalFen) },
            { title: t('batch.skipped'), key: 'sk', align: 'right', render: (_, b) => b.skipped.length },
            {
              title: t('relief.status'),
              key: 's',
              render: (_, b) => (
                <Tag color={b.status === 'approved' ? 'green' : b.status === 'open' ? 'blue' : 'red'}>
                  {t(`batch.status.${b.status}`)}
                </Tag>
              ),
            },
            { title: t('relief.filedAt'), key: 'c', render: (_, b) => formatInstant(b.createdAt) },
            {
              title: '',
              key: 'a',
              render: (_, b) =>
                b.status === 'open' &&
                can('relief.decide') &&
                user.role !== 'agency_staff' && (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => decide.mutate({ id: b.id, decision: 'approve' })}
                    >
                      {t('relief.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => decide.mutate({ id: b.id, decision: 'reject' })}>
                      {t('relief.reject')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('batch.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.validateFields().then((v) => create.mutate(v))}
        confirmLoading={create.isPending}
      >
        {create.isError && <Alert type="error" showIcon title={create.error.message} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" initialValues={{ source: 'hardship' }}>
          <Form.Item name="name" label={t('batch.name')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input placeholder="2026 年春节慰问" />
          </Form.Item>
          <Form.Item name="eventDate" label={t('relief.eventDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="source" label={t('batch.source')}>
            <Radio.Group
              options={[
                { value: 'hardship', label: t('batch.byHardship') },
                { value: 'list', label: t('batch.byList') },
              ]}
            />
          </Form.Item>
          {source === 'list' && (
            <Form.Item name="memberIds" rules={[{ required: true }]}>
              <Input.TextArea rows={5} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
