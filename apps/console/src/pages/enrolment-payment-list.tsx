import {
  EXCESS_NOTE_MIN,
  type EnrolmentPayment,
  type EnrolmentPaymentStatus,
  enrolmentPaymentStatusLabels,
  formatFen,
  holdReasonLabels,
} from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { enrolmentPaymentApi, type PaymentFilters, paymentKeys } from '../api/enrolment-payment.api.ts';
import { useCurrentSession } from '../auth/session.tsx';
import { formatInstant } from '../components/format.ts';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Action = 'apply' | 'return';
const statusColor: Record<EnrolmentPaymentStatus, string> = { held: 'orange', applied: 'green', returned: 'default' };

/** 差额入账 / 退回: a held transfer resolved by another clerk, with the note every resolution needs. */
function ResolveModal(props: { target: { payment: EnrolmentPayment; action: Action } | null; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const target = props.target;
  const excess = target?.action === 'apply' && target.payment.holdReason === 'excess';
  const resolve = useMutation({
    mutationFn: (note: string) =>
      enrolmentPaymentApi.resolve(target!.payment.id, { action: target!.action, note: note.trim() }),
    meta: { ownErrors: true },
    onSuccess: () => {
      message.success(t('payments.resolved'));
      queryClient.invalidateQueries({ queryKey: ['enrolment-payments'] });
      queryClient.invalidateQueries({ queryKey: ['batches'] });
      queryClient.invalidateQueries({ queryKey: ['batch'] });
      props.onClose();
    },
    onError: (e) => setRefusal(e.message),
  });
  return (
    <Modal
      title={t(target?.action === 'return' ? 'payments.resolveReturnTitle' : 'payments.resolveApplyTitle')}
      open={!!target}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: target?.action === 'return' }}
      confirmLoading={resolve.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      afterOpenChange={(open) => open && setRefusal(null)}
      destroyOnHidden
    >
      {target && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            target.action === 'return'
              ? t('payments.resolveReturnHint')
              : t('payments.resolveApplyHint', { diff: formatFen(Math.abs(target.payment.differenceFen)) })
          }
        />
      )}
      {refusal && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={refusal} data-testid="resolve-error" />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => resolve.mutate(v.note)}>
        <Form.Item
          name="note"
          label={t('payments.resolveNote')}
          rules={[
            { required: true, whitespace: true, message: t('payments.resolveNoteRule') },
            ...(excess ? [{ min: EXCESS_NOTE_MIN, message: t('payments.excessNoteRule') }] : []),
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="resolve-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The transfers of the payment queue: the 待核对 holds (with their resolve actions) or every recorded transfer. */
export function EnrolmentPaymentList(props: { status?: EnrolmentPaymentStatus }) {
  const { t, locale } = useI18n();
  const session = useCurrentSession();
  const { get, update, page, pageSize } = useSearchState();
  const [target, setTarget] = useState<{ payment: EnrolmentPayment; action: Action } | null>(null);
  const q = get('q');
  const filters: PaymentFilters = {
    page,
    pageSize,
    ...(props.status ? { status: props.status } : {}),
    ...(q ? { q } : {}),
  };
  const list = useQuery({
    queryKey: paymentKeys.list(filters),
    queryFn: () => enrolmentPaymentApi.list(filters),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  return (
    <>
      <Space className="filter-bar" wrap>
        <Input.Search
          key={q ?? ''}
          allowClear
          defaultValue={q}
          placeholder={t('payments.searchPlaceholder')}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: 280 }}
          data-testid="payments-search"
        />
        {data && (
          <Typography.Text type="secondary" data-testid="payments-sums">
            {t('payments.sums', {
              n: data.total,
              amount: formatFen(data.totalAmountFen),
              diff: formatFen(data.totalDifferenceFen),
            })}
          </Typography.Text>
        )}
      </Space>
      <Table<EnrolmentPayment>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={data?.items}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t(props.status === 'held' ? 'payments.heldEmpty' : 'payments.allEmpty') }}
        expandable={{
          expandedRowRender: (p) => (
            <Table
              size="small"
              rowKey="batchId"
              pagination={false}
              dataSource={p.batches}
              columns={[
                { title: t('batch.product'), dataIndex: 'productName' },
                { title: t('batch.totalFee'), dataIndex: 'totalFeeFen', render: (f: number) => formatFen(f) },
                { title: t('batch.paidAmount'), dataIndex: 'appliedFen', render: (f: number) => formatFen(f) },
              ]}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
        }}
        columns={[
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatInstant(v) },
          { title: t('payments.unit'), dataIndex: 'unitName' },
          { title: t('payments.reference'), dataIndex: 'bankReference', width: 160 },
          { title: t('payments.paidOn'), dataIndex: 'paidOn', width: 110 },
          {
            title: t('payments.amount'),
            dataIndex: 'amountFen',
            width: 120,
            align: 'right',
            render: (f: number) => formatFen(f),
          },
          {
            title: t('payments.expectedSum'),
            dataIndex: 'expectedFen',
            width: 120,
            align: 'right',
            render: (f: number) => formatFen(f),
          },
          {
            title: t('payments.difference'),
            dataIndex: 'differenceFen',
            width: 150,
            align: 'right',
            render: (f: number, p) => (
              <Space size={4}>
                <Typography.Text type={f === 0 ? undefined : f < 0 ? 'danger' : 'warning'}>
                  {f > 0 ? '+' : ''}
                  {formatFen(f)}
                </Typography.Text>
                {p.holdReason && <Tag>{holdReasonLabels[p.holdReason][locale]}</Tag>}
              </Space>
            ),
          },
          {
            title: t('payments.batches'),
            key: 'batches',
            width: 70,
            render: (_, p) => t('payments.batchesValue', { n: p.batches.length }),
          },
          {
            title: t('payments.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: EnrolmentPaymentStatus) => (
              <Tag color={statusColor[s]}>{enrolmentPaymentStatusLabels[s][locale]}</Tag>
            ),
          },
          { title: t('payments.recordedBy'), dataIndex: 'createdByName', width: 120 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            fixed: 'right',
            render: (_, p) => {
              if (p.status !== 'held')
                return (
                  <Tooltip title={p.resolutionNote}>
                    <Typography.Text type="secondary">{p.resolvedByName ?? ''}</Typography.Text>
                  </Tooltip>
                );
              const own = p.createdBy === session.user.id;
              const button = (action: Action) => (
                <Button
                  type="link"
                  size="small"
                  danger={action === 'return'}
                  disabled={own}
                  data-testid={`resolve-${action}`}
                  onClick={() => setTarget({ payment: p, action })}
                >
                  {t(action === 'apply' ? 'payments.apply' : 'payments.return')}
                </Button>
              );
              const buttons = (
                <Space size={0}>
                  {button('apply')}
                  {button('return')}
                </Space>
              );
              return own ? <Tooltip title={t('payments.ownHold')}>{buttons}</Tooltip> : buttons;
            },
          },
        ]}
      />
      <ResolveModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
