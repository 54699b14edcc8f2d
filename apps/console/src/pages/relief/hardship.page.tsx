import { hardshipLevelLabels, hardshipLevels } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type HardshipView, reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { useCan } from '../../auth/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { MemberPicker } from '../claims/member-picker.tsx';

/** 困难职工档案: files with their level and reason, the yearly review task list (due first), closing a file. */
export function HardshipPage() {
  const { t } = useI18n();
  const can = useCan();
  const queryClient = useQueryClient();
  const { get, update, page, pageSize } = useSearchState();
  const f = { due: get('due'), q: get('q'), status: get('status'), page, pageSize };
  const list = useQuery({
    queryKey: reliefKeys.hardship(f),
    queryFn: () => reliefApi.hardship(f),
    placeholderData: keepPreviousData,
  });
  const [opening, setOpening] = useState(false);
  const [reviewing, setReviewing] = useState<HardshipView | null>(null);
  const [openForm] = Form.useForm<{ memberId: string; level: string; reason: string; openedOn: Dayjs }>();
  const [reviewForm] = Form.useForm<{ outcome: 'continue' | 'close'; level?: string; note: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['hardship-files'] });
  const open = useMutation({
    mutationFn: (v: { memberId: string; level: string; reason: string; openedOn: Dayjs }) =>
      reliefApi.openHardship({ ...v, openedOn: v.openedOn.format('YYYY-MM-DD') }),
    onSuccess: () => {
      setOpening(false);
      openForm.resetFields();
      refresh();
    },
  });
  const review = useMutation({
    mutationFn: (v: { outcome: 'continue' | 'close'; level?: string; note: string }) =>
      reliefApi.reviewHardship(reviewing!.id, v),
    onSuccess: () => {
      setReviewing(null);
      reviewForm.resetFields();
      refresh();
    },
  });
  const levelOptions = hardshipLevels.map((l) => ({ value: l, label: hardshipLevelLabels[l] }));

  return (
    <>
      <PageHeader
        title={t('menu.hardship')}
        extra={
          can('relief.review') && (
            <Button type="primary" onClick={() => setOpening(true)} data-testid="hardship-new">
              {t('hardship.new')}
            </Button>
          )
        }
      />
      <Card>
        <Space className="filter-bar" wrap>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('relief.search')}
            defaultValue={f.q}
            onSearch={(v) => update({ q: v.trim() })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('relief.allStatuses')}
            value={f.status}
            onChange={(v?: string) => update({ status: v })}
            options={[
              { value: 'open', label: t('hardship.status.open') },
              { value: 'closed', label: t('hardship.status.closed') },
            ]}
          />
          <Checkbox checked={f.due === 'true'} onChange={(e) => update({ due: e.target.checked ? 'true' : undefined })}>
            {t('hardship.onlyDue')}
          </Checkbox>
        </Space>
        <Table<HardshipView>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items}
          data-testid="hardship-table"
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            { title: t('relief.member'), dataIndex: 'memberName' },
            { title: t('hardship.level'), key: 'l', render: (_, h) => hardshipLevelLabels[h.level] },
            { title: t('hardship.reason'), dataIndex: 'reason' },
            {
              title: t('relief.status'),
              key: 's',
              render: (_, h) => (
                <Tag color={h.status === 'open' ? 'orange' : 'default'}>{t(`hardship.status.${h.status}`)}</Tag>
              ),
            },
            { title: t('hardship.openedOn'), dataIndex: 'openedOn' },
            { title: t('hardship.lastReviewed'), key: 'lr', render: (_, h) => h.lastReviewedOn ?? '—' },
            {
              title: t('hardship.nextReview'),
              key: 'nr',
              render: (_, h) => (h.status === 'open' ? h.nextReviewOn : '—'),
            },
            {
              title: '',
              key: 'a',
              render: (_, h) =>
                h.status === 'open' &&
                can('relief.review') && (
                  <Button size="small" onClick={() => setReviewing(h)}>
                    {t('hardship.review')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={opening}
        title={t('hardship.new')}
        onCancel={() => setOpening(false)}
        onOk={() => openForm.validateFields().then((v) => open.mutate(v))}
        confirmLoading={open.isPending}
      >
        {open.isError && <Alert type="error" showIcon title={open.error.message} style={{ marginBottom: 12 }} />}
        <Form form={openForm} layout="vertical" initialValues={{ level: 'general' }}>
          <Form.Item name="memberId" label={t('relief.member')} rules={[{ required: true }]}>
            <MemberPicker />
          </Form.Item>
          <Form.Item name="level" label={t('hardship.level')} rules={[{ required: true }]}>
            <Radio.Group options={levelOptions} />
          </Form.Item>
          <Form.Item name="reason" label={t('hardship.reason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="openedOn" label={t('hardship.openedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={reviewing !== null}
        title={`${t('hardship.review')} · ${reviewing?.memberName ?? ''}`}
        onCancel={() => setReviewing(null)}
        onOk={() => reviewForm.validateFields().then((v) => review.mutate(v))}
        confirmLoading={review.isPending}
      >
        {review.isError && <Alert type="error" showIcon title={review.error.message} style={{ marginBottom: 12 }} />}
        <Form form={reviewForm} layout="vertical" initialValues={{ outcome: 'continue', level: reviewing?.level }}>
          <Form.Item name="outcome" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'continue', label: t('hardship.continue') },
                { value: 'close', label: t('hardship.close') },
              ]}
            />
          </Form.Item>
          <Form.Item name="level" label={t('hardship.level')}>
            <Select options={levelOptions} />
          </Form.Item>
          <Form.Item name="note" label={t('hardship.note')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
