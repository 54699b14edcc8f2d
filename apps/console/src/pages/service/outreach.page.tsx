import { type OutreachEvent, type OutreachEventKind, outreachEventKinds, type Training } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { outreachApi, outreachKeys } from '../../api/service.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';

const years = () => {
  const now = dayjs().year();
  return Array.from({ length: 6 }, (_, i) => now - i);
};

/**
 * 培训与宣讲: training sessions (date, place, organiser, topic, attendees) and outreach events (宣讲, consultation
 * booths; attendees, consultations, the QR channel shown) of the caller's office or agency — by year, searchable,
 * paged; record a new one, delete one recorded by mistake.
 */
export function OutreachPage() {
  const { t } = useI18n();
  const { get, update, page, pageSize } = useSearchState();
  const tab = get('tab') === 'events' ? 'events' : 'trainings';
  const year = Number(get('year')) || undefined;
  const kind = get('kind') as OutreachEventKind | undefined;
  const filters = {
    year,
    q: get('q') || undefined,
    kind: tab === 'events' && kind && outreachEventKinds.includes(kind) ? kind : undefined,
    page,
    pageSize,
  };
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('menu.outreach')}
        subtitle={t('outreach.subtitle')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} data-testid="outreach-new">
            {tab === 'events' ? t('outreach.newEvent') : t('outreach.newTraining')}
          </Button>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'events' ? 'events' : undefined, kind: undefined })}
          items={[
            { key: 'trainings', label: t('outreach.trainings') },
            { key: 'events', label: t('outreach.events') },
          ]}
        />
        <Space className="filter-bar" wrap>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('outreach.search')}
            defaultValue={filters.q}
            onSearch={(v) => update({ q: v || undefined })}
            data-testid="outreach-search"
          />
          <Select
            style={{ width: 120 }}
            allowClear
            placeholder={t('outreach.allYears')}
            value={year}
            onChange={(v?: number) => update({ year: v })}
            options={years().map((y) => ({ value: y, label: String(y) }))}
          />
          {tab === 'events' && (
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder={t('outreach.allKinds')}
              value={filters.kind}
              onChange={(v?: string) => update({ kind: v })}
              options={outreachEventKinds.map((k) => ({ value: k, label: t(`outreach.kind.${k}` as MessageKey) }))}
            />
          )}
        </Space>
        {tab === 'trainings' ? (
          <TrainingsTable filters={filters} update={update} />
        ) : (
          <EventsTable filters={filters} update={update} />
        )}
      </Card>
      {creating && <CreateModal kind={tab} onClose={() => setCreating(false)} />}
    </>
  );
}

type Filters = Parameters<typeof outreachApi.trainings>[0];
type Update = ReturnType<typeof useSearchState>['update'];

function pagination(t: ReturnType<typeof useI18n>['t'], f: Filters, total: number, update: Update) {
  return {
    current: f.page,
    pageSize: f.pageSize,
    total,
    showSizeChanger: true,
    showTotal: (n: number) => t('common.total', { total: n }),
    onChange: (p: number, s: number) => update({ page: p, pageSize: s === f.pageSize ? undefined : s }, true),
  };
}

function TrainingsTable({ filters, update }: { filters: Filters; update: Update }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: outreachKeys.trainings(filters),
    queryFn: () => outreachApi.trainings(filters),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: outreachApi.deleteTraining,
    onSuccess: () => void qc.invalidateQueries({ queryKey: outreachKeys.all }),
  });
  return (
    <Table<Training>
      rowKey="id"
      size="middle"
      loading={list.isFetching}
      dataSource={list.data?.items}
      scroll={{ x: 960 }}
      data-testid="trainings-table"
      pagination={pagination(t, filters, list.data?.total ?? 0, update)}
      columns={[
        { title: t('outreach.date'), dataIndex: 'date', width: 110 },
        { title: t('outreach.topic'), dataIndex: 'topic', width: 220 },
        { title: t('outreach.place'), dataIndex: 'place', width: 180 },
        { title: t('outreach.organiser'), dataIndex: 'organiser', width: 140 },
        { title: t('outreach.attendees'), dataIndex: 'attendees', width: 100, align: 'right' },
        {
          title: t('outreach.agency'),
          dataIndex: 'agencyName',
          width: 120,
          render: (v: string | null) => v ?? t('outreach.office'),
        },
        {
          title: t('outreach.actions'),
          key: 'actions',
          width: 90,
          render: (_: unknown, r) => (
            <Popconfirm title={t('outreach.deleteConfirm')} onConfirm={() => remove.mutate(r.id)}>
              <Button type="link" size="small" danger>
                {t('outreach.delete')}
              </Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
}

function EventsTable({ filters, update }: { filters: Filters; update: Update }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: outreachKeys.events(filters),
    queryFn: () => outreachApi.events(filters),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: outreachApi.deleteEvent,
    onSuccess: () => void qc.invalidateQueries({ queryKey: outreachKeys.all }),
  });
  return (
    <Table<OutreachEvent>
      rowKey="id"
      size="middle"
      loading={list.isFetching}
      dataSource={list.data?.items}
      scroll={{ x: 1040 }}
      data-testid="events-table"
      pagination={pagination(t, filters, list.data?.total ?? 0, update)}
      columns={[
        { title: t('outreach.date'), dataIndex: 'date', width: 110 },
        {
          title: t('outreach.kind'),
          dataIndex: 'kind',
          width: 100,
          render: (k: OutreachEventKind) => t(`outreach.kind.${k}` as MessageKey),
        },
        { title: t('outreach.topic'), dataIndex: 'topic', width: 180, render: (v: string | null) => v ?? '—' },
        { title: t('outreach.place'), dataIndex: 'place', width: 160 },
        { title: t('outreach.attendees'), dataIndex: 'attendees', width: 90, align: 'right' },
        { title: t('outreach.consultations'), dataIndex: 'consultations', width: 90, align: 'right' },
        {
          title: t('outreach.channel'),
          dataIndex: 'channelName',
          width: 140,
          render: (v: string | null, r) => (v ? `${v}（${r.channelCode}）` : '—'),
        },
        {
          title: t('outreach.agency'),
          dataIndex: 'agencyName',
          width: 120,
          render: (v: string | null) => v ?? t('outreach.office'),
        },
        {
          title: t('outreach.actions'),
          key: 'actions',
          width: 90,
          render: (_: unknown, r) => (
            <Popconfirm title={t('outreach.deleteConfirm')} onConfirm={() => remove.mutate(r.id)}>
              <Button type="link" size="small" danger>
                {t('outreach.delete')}
              </Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
}

function CreateModal({ kind, onClose }: { kind: 'trainings' | 'events'; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown> & { date: Dayjs }>();
  const create = useMutation({
    mutationFn: async (v: Record<string, unknown> & { date: Dayjs }): Promise<unknown> => {
      // Empty optional fields are left out (the server validates what is given).
      const given = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
      const body = { ...given, date: v.date.format('YYYY-MM-DD') };
      return kind === 'events' ? outreachApi.createEvent(body) : outreachApi.createTraining(body);
    },
    onSuccess: () => {
      message.success(t('outreach.saved'));
      void qc.invalidateQueries({ queryKey: outreachKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={kind === 'events' ? t('outreach.newEvent') : t('outreach.newTraining')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'talk', consultations: 0 }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="date" label={t('outreach.date')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="outreach-date" />
        </Form.Item>
        {kind === 'events' && (
          <Form.Item name="kind" label={t('outreach.kind')} rules={[{ required: true }]}>
            <Select
              options={outreachEventKinds.map((k) => ({ value: k, label: t(`outreach.kind.${k}` as MessageKey) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="topic"
          label={t('outreach.topic')}
          rules={[{ required: kind === 'trainings', min: 2, max: 100 }]}
        >
          <Input maxLength={100} data-testid="outreach-topic" />
        </Form.Item>
        <Form.Item name="place" label={t('outreach.place')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="outreach-place" />
        </Form.Item>
        {kind === 'trainings' && (
          <Form.Item name="organiser" label={t('outreach.organiser')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input maxLength={60} data-testid="outreach-organiser" />
          </Form.Item>
        )}
        <Form.Item name="attendees" label={t('outreach.attendees')} rules={[{ required: true }]}>
          <InputNumber
            min={kind === 'trainings' ? 1 : 0}
            max={100_000}
            precision={0}
            data-testid="outreach-attendees"
          />
        </Form.Item>
        {kind === 'events' && (
          <>
            <Form.Item name="consultations" label={t('outreach.consultations')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100_000} precision={0} />
            </Form.Item>
            <Form.Item name="channelCode" label={t('outreach.channelCode')}>
              <Input maxLength={16} placeholder={t('outreach.channelHint')} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
