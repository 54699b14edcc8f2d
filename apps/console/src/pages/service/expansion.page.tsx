import {
  type ContactOutcome,
  contactMethods,
  contactOutcomes,
  type ExpansionCandidate,
  type ExpansionSource,
  type ExpansionStatus,
  type ExpansionTarget,
  expansionSources,
  expansionStatuses,
} from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { expansionApi, expansionKeys } from '../../api/service.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';

const statusColor: Record<ExpansionStatus, string> = {
  assigned: 'default',
  interested: 'processing',
  declined: 'warning',
  enrolled: 'success',
};

/**
 * 精准扩面: the target units of the caller's agency (or office) with their status and last contact — search, filter,
 * paged; the candidates (not-enrolled units by headcount, units with low shares per member) to assign to staff; a
 * target's drawer with its baseline and contact log, where each visit or call is logged with its outcome.
 */
export function ExpansionPage() {
  const { t } = useI18n();
  const { get, update, page, pageSize } = useSearchState();
  const tab = get('tab') ?? 'targets';
  const source = (get('source') as ExpansionSource | undefined) ?? 'not_enrolled';
  const status = get('status') as ExpansionStatus | undefined;
  const q = get('q') || undefined;
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('menu.expansion')} subtitle={t('expansion.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'targets' ? undefined : k, status: undefined, source: undefined })}
          items={[
            { key: 'targets', label: t('expansion.targets') },
            { key: 'candidates', label: t('expansion.candidates') },
          ]}
        />
        <Space className="filter-bar" wrap>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('expansion.search')}
            defaultValue={q}
            onSearch={(v) => update({ q: v || undefined })}
            data-testid="expansion-search"
          />
          {tab === 'targets' ? (
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder={t('expansion.allStatuses')}
              value={status && expansionStatuses.includes(status) ? status : undefined}
              onChange={(v?: string) => update({ status: v })}
              options={expansionStatuses.map((s) => ({ value: s, label: t(`expansion.status.${s}` as MessageKey) }))}
            />
          ) : (
            <Select
              style={{ width: 180 }}
              value={source}
              onChange={(v: string) => update({ source: v })}
              options={expansionSources.map((s) => ({ value: s, label: t(`expansion.source.${s}` as MessageKey) }))}
              data-testid="expansion-source"
            />
          )}
        </Space>
        {tab === 'targets' ? (
          <TargetsTable
            filters={{ status: status && expansionStatuses.includes(status) ? status : undefined, q, page, pageSize }}
            update={update}
            onOpen={setOpenId}
          />
        ) : (
          <CandidatesTable filters={{ source, q, page, pageSize }} update={update} />
        )}
      </Card>
      {openId && <TargetDrawer id={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}

type Update = ReturnType<typeof useSearchState>['update'];
const paging = (
  t: ReturnType<typeof useI18n>['t'],
  f: { page: number; pageSize: number },
  total: number,
  update: Update,
) => ({
  current: f.page,
  pageSize: f.pageSize,
  total,
  showSizeChanger: true,
  showTotal: (n: number) => t('common.total', { total: n }),
  onChange: (p: number, s: number) => update({ page: p, pageSize: s === f.pageSize ? undefined : s }, true),
});

function TargetsTable(props: {
  filters: { status?: ExpansionStatus; q?: string; page: number; pageSize: number };
  update: Update;
  onOpen(id: string): void;
}) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: expansionKeys.targets(props.filters),
    queryFn: () => expansionApi.targets(props.filters),
    placeholderData: keepPreviousData,
  });
  return (
    <Table<ExpansionTarget>
      rowKey="id"
      size="middle"
      loading={list.isFetching}
      dataSource={list.data?.items}
      scroll={{ x: 980 }}
      data-testid="targets-table"
      pagination={paging(t, props.filters, list.data?.total ?? 0, props.update)}
      columns={[
        {
          title: t('expansion.unit'),
          dataIndex: 'unitName',
          width: 220,
          render: (n: string, r) => (
            <Button type="link" size="small" onClick={() => props.onOpen(r.id)} data-testid="target-open">
              {n}
            </Button>
          ),
        },
        { title: t('expansion.headcount'), dataIndex: 'headcount', width: 90, align: 'right' },
        {
          title: t('expansion.sourceCol'),
          dataIndex: 'source',
          width: 120,
          render: (s: ExpansionSource) => t(`expansion.source.${s}` as MessageKey),
        },
        { title: t('expansion.assignee'), dataIndex: 'assigneeName', width: 110 },
        { title: t('expansion.agency'), dataIndex: 'agencyName', width: 130 },
        { title: t('expansion.assignedOn'), dataIndex: 'assignedOn', width: 110 },
        {
          title: t('expansion.lastContact'),
          dataIndex: 'lastContactOn',
          width: 110,
          render: (v: string | null) => v ?? '—',
        },
        {
          title: t('expansion.status'),
          dataIndex: 'status',
          width: 100,
          render: (s: ExpansionStatus) => <Tag color={statusColor[s]}>{t(`expansion.status.${s}` as MessageKey)}</Tag>,
        },
      ]}
    />
  );
}

function CandidatesTable(props: {
  filters: { source: ExpansionSource; q?: string; page: number; pageSize: number };
  update: Update;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);
  const list = useQuery({
    queryKey: expansionKeys.candidates(props.filters),
    queryFn: () => expansionApi.candidates(props.filters),
    placeholderData: keepPreviousData,
  });
  const assignees = useQuery({
    queryKey: expansionKeys.assignees,
    queryFn: expansionApi.assignees,
    enabled: assigning,
  });
  const [form] = Form.useForm<{ assigneeId: string; note?: string }>();
  const assign = useMutation({
    mutationFn: (v: { assigneeId: string; note?: string }) =>
      expansionApi.assign({ unitIds: selected, source: props.filters.source, ...v }),
    onSuccess: (r) => {
      message.success(t('expansion.assigned', { n: r.created }));
      setSelected([]);
      setAssigning(false);
      void qc.invalidateQueries({ queryKey: expansionKeys.all });
    },
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          disabled={selected.length === 0}
          onClick={() => setAssigning(true)}
          data-testid="expansion-assign"
        >
          {t('expansion.assign', { n: selected.length })}
        </Button>
      </Space>
      <Table<ExpansionCandidate>
        rowKey="unitId"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        data-testid="candidates-table"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (r) => ({ disabled: r.targetId !== null }),
        }}
        pagination={paging(t, props.filters, list.data?.total ?? 0, props.update)}
        columns={[
          { title: t('expansion.unit'), dataIndex: 'name', width: 220 },
          { title: t('expansion.agency'), dataIndex: 'agencyName', width: 130 },
          { title: t('expansion.headcount'), dataIndex: 'headcount', width: 90, align: 'right' },
          { title: t('expansion.members'), dataIndex: 'members', width: 90, align: 'right' },
          {
            title: t('expansion.sharesPerMember'),
            dataIndex: 'sharesPerMember',
            width: 110,
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
          },
          { title: t('expansion.products'), dataIndex: 'products', width: 90, align: 'right' },
          {
            title: t('expansion.status'),
            dataIndex: 'targetId',
            width: 100,
            render: (v: string | null) => (v ? <Tag>{t('expansion.alreadyTarget')}</Tag> : '—'),
          },
        ]}
      />
      <Modal
        open={assigning}
        title={t('expansion.assign', { n: selected.length })}
        onCancel={() => setAssigning(false)}
        onOk={() => form.submit()}
        confirmLoading={assign.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => assign.mutate(v)}>
          <Form.Item name="assigneeId" label={t('expansion.assignee')} rules={[{ required: true }]}>
            <Select
              loading={assignees.isFetching}
              options={(assignees.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              data-testid="expansion-assignee"
            />
          </Form.Item>
          <Form.Item name="note" label={t('expansion.note')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TargetDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const one = useQuery({ queryKey: expansionKeys.one(id), queryFn: () => expansionApi.get(id) });
  const [form] = Form.useForm<{
    contactedOn: Dayjs;
    method: string;
    outcome: ContactOutcome;
    reason?: string;
    note?: string;
  }>();
  const outcome = Form.useWatch('outcome', form);
  const contact = useMutation({
    mutationFn: (v: { contactedOn: Dayjs; method: string; outcome: ContactOutcome; reason?: string; note?: string }) =>
      expansionApi.contact(id, {
        ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')),
        contactedOn: v.contactedOn.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      message.success(t('expansion.contactSaved'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: expansionKeys.all });
    },
  });
  const target = one.data;
  return (
    <Drawer open width={620} title={target?.unitName ?? t('menu.expansion')} onClose={onClose} loading={one.isPending}>
      {target && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('expansion.status')}>
              <Tag color={statusColor[target.status]}>{t(`expansion.status.${target.status}` as MessageKey)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('expansion.assignee')}>{target.assigneeName}</Descriptions.Item>
            <Descriptions.Item label={t('expansion.assignedOn')}>{target.assignedOn}</Descriptions.Item>
            <Descriptions.Item label={t('expansion.sourceCol')}>
              {t(`expansion.source.${target.source}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('expansion.baseline')} span={2}>
              {t('expansion.baselineText', {
                members: target.baseline.members,
                shares: target.baseline.shares,
                products: target.baseline.products,
              })}
            </Descriptions.Item>
          </Descriptions>
          <Timeline
            items={(target.history ?? []).map((c) => ({
              color: c.outcome === 'enrolled' ? 'green' : c.outcome === 'declined' ? 'orange' : 'blue',
              content: `${c.contactedOn} ${t(`expansion.method.${c.method}` as MessageKey)} · ${t(
                `expansion.status.${c.outcome}` as MessageKey,
              )}${c.reason ? `（${c.reason}）` : ''}${c.note ? ` · ${c.note}` : ''} · ${c.userName ?? ''}`,
            }))}
          />
          {target.status !== 'enrolled' && (
            <Form
              form={form}
              layout="vertical"
              initialValues={{ contactedOn: dayjs(), method: 'visit', outcome: 'interested' }}
              onFinish={(v) => contact.mutate(v)}
            >
              <Space wrap>
                <Form.Item name="contactedOn" label={t('expansion.contactedOn')} rules={[{ required: true }]}>
                  <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
                <Form.Item name="method" label={t('expansion.method')} rules={[{ required: true }]}>
                  <Select
                    style={{ width: 110 }}
                    options={contactMethods.map((m) => ({ value: m, label: t(`expansion.method.${m}` as MessageKey) }))}
                  />
                </Form.Item>
                <Form.Item name="outcome" label={t('expansion.outcome')} rules={[{ required: true }]}>
                  <Select
                    style={{ width: 120 }}
                    options={contactOutcomes.map((o) => ({
                      value: o,
                      label: t(`expansion.status.${o}` as MessageKey),
                    }))}
                    data-testid="contact-outcome"
                  />
                </Form.Item>
              </Space>
              {outcome === 'declined' && (
                <Form.Item name="reason" label={t('expansion.reason')} rules={[{ required: true, min: 2, max: 200 }]}>
                  <Input maxLength={200} data-testid="contact-reason" />
                </Form.Item>
              )}
              <Form.Item name="note" label={t('expansion.note')} rules={[{ max: 500 }]}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={contact.isPending} data-testid="contact-submit">
                {t('expansion.logContact')}
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
