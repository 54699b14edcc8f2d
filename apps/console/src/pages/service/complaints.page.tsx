import {
  type Complaint,
  type ComplaintKind,
  type ComplaintStatus,
  type ComplaintSubject,
  complaintKinds,
  complaintStatuses,
  complaintSubjects,
} from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { complaintKeys, complaintSubjectsApi, complaintsApi } from '../../api/service.api.ts';
import { useCan } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';
import { MemberPicker } from '../claims/member-picker.tsx';

const statusColor: Record<ComplaintStatus, string> = { open: 'processing', escalated: 'error', answered: 'success' };

/**
 * 意见与投诉: complaints and feedback in the caller's scope — search by number or member name, filter by status, kind
 * and overdue, paged; open one to read it and answer it (due in 3 working days); file one for a member (a call, a
 * visit) about one of their claims, relief applications or policies.
 */
export function ComplaintsPage() {
  const { t } = useI18n();
  const can = useCan();
  const { get, update, page, pageSize } = useSearchState();
  const status = get('status') as ComplaintStatus | undefined;
  const kind = get('kind') as ComplaintKind | undefined;
  const filters = {
    q: get('q') || undefined,
    status: status && complaintStatuses.includes(status) ? status : undefined,
    kind: kind && complaintKinds.includes(kind) ? kind : undefined,
    overdue: get('overdue') === 'true' ? true : undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: complaintKeys.list(filters),
    queryFn: () => complaintsApi.list(filters),
    placeholderData: keepPreviousData,
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);

  return (
    <>
      <PageHeader
        title={t('menu.complaints')}
        subtitle={t('complaints.subtitle')}
        extra={
          can('complaint.create') && (
            <Button type="primary" onClick={() => setFiling(true)} data-testid="complaint-new">
              {t('complaints.new')}
            </Button>
          )
        }
      />
      <Card>
        <Space className="filter-bar" wrap>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('complaints.search')}
            defaultValue={filters.q}
            onSearch={(v) => update({ q: v || undefined })}
            data-testid="complaint-search"
          />
          <Select
            style={{ width: 170 }}
            allowClear
            placeholder={t('complaints.allStatuses')}
            value={filters.status}
            onChange={(v?: string) => update({ status: v })}
            options={complaintStatuses.map((s) => ({ value: s, label: t(`complaints.status.${s}` as MessageKey) }))}
          />
          <Select
            style={{ width: 140 }}
            allowClear
            placeholder={t('complaints.allKinds')}
            value={filters.kind}
            onChange={(v?: string) => update({ kind: v })}
            options={complaintKinds.map((k) => ({ value: k, label: t(`complaints.kind.${k}` as MessageKey) }))}
          />
          <Checkbox
            checked={filters.overdue === true}
            onChange={(e) => update({ overdue: e.target.checked || undefined })}
          >
            {t('complaints.onlyOverdue')}
          </Checkbox>
        </Space>
        <Table<Complaint>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          scroll={{ x: 1100 }}
          data-testid="complaints-table"
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            {
              title: t('complaints.number'),
              dataIndex: 'number',
              width: 170,
              render: (n: string, c) => (
                <Button type="link" size="small" onClick={() => setOpenId(c.id)} data-testid="complaint-open">
                  {n}
                </Button>
              ),
            },
            {
              title: t('complaints.kind'),
              dataIndex: 'kind',
              width: 90,
              render: (k: ComplaintKind) => t(`complaints.kind.${k}` as MessageKey),
            },
            { title: t('complaints.member'), dataIndex: 'memberName', width: 100 },
            { title: t('complaints.subject'), dataIndex: 'subjectLabel', width: 220, ellipsis: true },
            {
              title: t('complaints.assignedTo'),
              dataIndex: 'agencyName',
              width: 130,
              render: (v: string | null) => v ?? t('complaints.office'),
            },
            { title: t('complaints.filedOn'), dataIndex: 'filedOn', width: 110 },
            {
              title: t('complaints.dueDate'),
              dataIndex: 'dueDate',
              width: 110,
              render: (d: string, c) => (c.overdue ? <Typography.Text type="danger">{d}</Typography.Text> : d),
            },
            {
              title: t('complaints.status'),
              dataIndex: 'status',
              width: 150,
              render: (s: ComplaintStatus) => (
                <Tag color={statusColor[s]}>{t(`complaints.status.${s}` as MessageKey)}</Tag>
              ),
            },
          ]}
        />
      </Card>
      {openId && <ComplaintDrawer id={openId} onClose={() => setOpenId(null)} />}
      {filing && <FileComplaintModal onClose={() => setFiling(false)} />}
    </>
  );
}

function ComplaintDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const one = useQuery({ queryKey: complaintKeys.one(id), queryFn: () => complaintsApi.get(id) });
  const [form] = Form.useForm<{ answer: string }>();
  const answer = useMutation({
    mutationFn: (text: string) => complaintsApi.answer(id, text),
    onSuccess: () => {
      message.success(t('complaints.answered'));
      void qc.invalidateQueries({ queryKey: complaintKeys.all });
    },
  });
  const c = one.data;
  return (
    <Drawer open width={640} title={c?.number ?? t('menu.complaints')} onClose={onClose} loading={one.isPending}>
      {c && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('complaints.kind')}>
              {t(`complaints.kind.${c.kind}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.member')}>{c.memberName}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.subject')}>{c.subjectLabel}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.source')}>
              {t(`complaints.source.${c.source}` as MessageKey)}
              {c.contactNote ? `（${c.contactNote}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.assignedTo')}>
              {c.agencyName ?? t('complaints.office')}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.filedAt')}>{formatInstant(c.filedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.dueDate')}>{c.dueDate}</Descriptions.Item>
            <Descriptions.Item label={t('complaints.status')}>
              <Tag color={statusColor[c.status]}>{t(`complaints.status.${c.status}` as MessageKey)}</Tag>
              {c.escalatedAt && t('complaints.escalatedAt', { at: formatInstant(c.escalatedAt) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints.content')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {c.content}
              </Typography.Paragraph>
            </Descriptions.Item>
            {c.answer && (
              <Descriptions.Item label={t('complaints.answer')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {c.answer}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {c.answeredByName} · {formatInstant(c.answeredAt)} ·{' '}
                  {c.answeredOnTime ? t('complaints.onTime') : t('complaints.late')}
                </Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
          {c.status !== 'answered' && can('complaint.answer') && (
            <Form form={form} layout="vertical" onFinish={(v) => answer.mutate(v.answer)}>
              <Form.Item name="answer" label={t('complaints.answer')} rules={[{ required: true, min: 5, max: 2000 }]}>
                <Input.TextArea rows={4} maxLength={2000} showCount data-testid="complaint-answer" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="complaint-answer-submit">
                {t('complaints.submitAnswer')}
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}

interface FileValues {
  memberId: string;
  kind: ComplaintKind;
  subjectKind: ComplaintSubject;
  subjectId: string;
  content: string;
  contactNote?: string;
}

function FileComplaintModal({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FileValues>();
  const memberId = Form.useWatch('memberId', form);
  const subjectKind = Form.useWatch('subjectKind', form);
  const subjects = useQuery({
    queryKey: ['complaint-subjects', memberId, subjectKind],
    enabled: !!memberId && !!subjectKind,
    queryFn: async (): Promise<{ value: string; label: string }[]> => {
      if (subjectKind === 'claim')
        return (await complaintSubjectsApi.claims(memberId)).items.map((c) => ({
          value: c.id,
          label: `${c.id.replaceAll('-', '').slice(-8).toUpperCase()} · ${c.eventDate}`,
        }));
      if (subjectKind === 'relief')
        return (await complaintSubjectsApi.relief(memberId)).items.map((r) => ({
          value: r.id,
          label: `${r.number} · ${r.categoryName} · ${r.eventDate}`,
        }));
      return (await complaintSubjectsApi.policies(memberId)).items.map((p) => ({
        value: p.id,
        label: `${p.productName} · ${p.startDate}～${p.endDate}`,
      }));
    },
  });
  const file = useMutation({
    mutationFn: complaintsApi.file,
    onSuccess: (c) => {
      message.success(t('complaints.filed', { number: c.number, due: c.dueDate }));
      void qc.invalidateQueries({ queryKey: complaintKeys.all });
      onClose();
    },
  });
  const subjectKinds = complaintSubjects.filter((s) => s !== 'relief' || can('relief.read'));
  return (
    <Modal
      open
      title={t('complaints.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={file.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'complaint', subjectKind: 'claim' }}
        onFinish={(v) => file.mutate(v)}
      >
        <Form.Item name="memberId" label={t('complaints.member')} rules={[{ required: true }]}>
          <MemberPicker onChange={() => form.setFieldValue('subjectId', undefined)} />
        </Form.Item>
        <Form.Item name="kind" label={t('complaints.kind')} rules={[{ required: true }]}>
          <Select options={complaintKinds.map((k) => ({ value: k, label: t(`complaints.kind.${k}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="subjectKind" label={t('complaints.subjectKind')} rules={[{ required: true }]}>
          <Select
            options={subjectKinds.map((k) => ({ value: k, label: t(`complaints.subject.${k}` as MessageKey) }))}
            onChange={() => form.setFieldValue('subjectId', undefined)}
          />
        </Form.Item>
        <Form.Item name="subjectId" label={t('complaints.subject')} rules={[{ required: true }]}>
          <Select
            loading={subjects.isFetching}
            options={subjects.data ?? []}
            notFoundContent={t('complaints.noSubjects')}
            data-testid="complaint-subject"
          />
        </Form.Item>
        <Form.Item name="content" label={t('complaints.content')} rules={[{ required: true, min: 5, max: 1000 }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="complaint-content" />
        </Form.Item>
        <Form.Item name="contactNote" label={t('complaints.contactNote')} rules={[{ min: 2, max: 200 }]}>
          <Input maxLength={200} placeholder={t('complaints.contactNoteHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
