import { formatFen } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Radio, Space, Table, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/http-client.ts';
import { type ReliefBatchView, reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { uploadFile } from '../../api/upload.ts';
import { useCan, useCurrentSession } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface BatchForm {
  name: string;
  eventDate?: Dayjs;
  source: 'hardship' | 'file';
}

interface ListIssue {
  row: number;
  column?: string;
  message: string;
}

/** The rows a refused list names: its problems (bad, repeated or foreign ID numbers…) or the members left out. */
function listIssuesOf(e: unknown): ListIssue[] {
  if (!(e instanceof ApiError)) return [];
  const d = e.details as { issues?: ListIssue[]; skipped?: ListIssue[] } | undefined;
  return [...(d?.issues ?? []), ...(d?.skipped ?? []).filter((s) => s.row !== undefined)];
}

/** 节日慰问批次: an office batch for a member list or the hardship files in force, decided and paid as one. */
export function ReliefBatchesPage() {
  const { t } = useI18n();
  const can = useCan();
  const { user } = useCurrentSession();
  const queryClient = useQueryClient();
  const { get, update, page, pageSize } = useSearchState();
  const f = { q: get('q'), page, pageSize };
  const list = useQuery({
    queryKey: reliefKeys.batches(f),
    queryFn: () => reliefApi.batches(f),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [listFile, setListFile] = useState<File | null>(null);
  const [form] = Form.useForm<BatchForm>();
  const source = Form.useWatch('source', form);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['relief-batches'] });
  const create = useMutation({
    mutationFn: (v: BatchForm) => {
      const eventDate: Record<string, string> = v.eventDate ? { eventDate: v.eventDate.format('YYYY-MM-DD') } : {};
      // A list (xlsx/csv: 姓名, 身份证号) goes up as a file; the server matches it to the office's members.
      if (v.source === 'file')
        return uploadFile<ReliefBatchView>(
          '/relief-batches/file',
          listFile!,
          { onProgress: () => {}, onUploaded: () => {} },
          { fields: { name: v.name.trim(), ...eventDate } },
        ).result;
      return reliefApi.createBatch({
        category: 'holiday',
        name: v.name.trim(),
        ...eventDate,
        criteria: { hardshipInForce: true as const },
      });
    },
    meta: { ownErrors: true },
    onSuccess: () => {
      setCreating(false);
      setListFile(null);
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
        <Space className="filter-bar">
          <Input.Search
            key={f.q ?? ''}
            allowClear
            defaultValue={f.q}
            placeholder={t('reliefBatches.searchPlaceholder')}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 260 }}
          />
        </Space>
        <Table<ReliefBatchView>
          rowKey="id"
          scroll={{ x: 'max-content' }}
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
        okButtonProps={{ disabled: source === 'file' && !listFile }}
        confirmLoading={create.isPending}
        width={640}
      >
        {create.isError && (
          <Alert
            type="error"
            showIcon
            title={create.error.message}
            style={{ marginBottom: 12 }}
            data-testid="relief-batch-error"
            description={
              listIssuesOf(create.error).length > 0 && (
                <Table<ListIssue>
                  size="small"
                  rowKey={(i) => `${i.row}-${i.column ?? ''}-${i.message}`}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={listIssuesOf(create.error)}
                  data-testid="relief-batch-issues"
                  columns={[
                    { title: t('batch.row'), dataIndex: 'row', width: 64 },
                    { title: t('batch.column'), dataIndex: 'column', width: 96, render: (c?: string) => c ?? '' },
                    { title: t('batch.problem'), dataIndex: 'message' },
                  ]}
                />
              )
            }
          />
        )}
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
                { value: 'file', label: t('batch.byFile') },
              ]}
            />
          </Form.Item>
          {source === 'file' && (
            <Form.Item extra={t('batch.fileHint')}>
              <Upload
                accept=".xlsx,.xls,.csv,.ods"
                maxCount={1}
                beforeUpload={(file) => {
                  setListFile(file);
                  return false;
                }}
                onRemove={() => setListFile(null)}
                fileList={listFile ? [{ uid: 'list', name: listFile.name, status: 'done' }] : []}
              >
                <Button icon={<UploadOutlined />} data-testid="relief-batch-file">
                  {t('batch.pickFile')}
                </Button>
              </Upload>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
