import { MoneyCollectOutlined } from '@ant-design/icons';
import { formatFen } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type ClaimRow, claimKeys, claimsApi } from '../../api/claims.api.ts';
import { type PayoutBatchView, payoutKeys, payoutsApi } from '../../api/payouts.api.ts';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useClaimLabels } from './claim-labels.ts';
import { type ReliefView, reliefApi } from '../../api/relief.api.ts';
import { ReliefStatusTag } from '../relief/relief-tags.tsx';
import { ClaimStatusTag } from './claim-tags.tsx';

/** Approved claims (and failed transfers to reissue) waiting for a payout batch; finance picks some or all. */
function PayableClaims() {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const approved = useQuery({
    queryKey: claimKeys.queue({ status: 'approved', pageSize: 500 }),
    queryFn: () => claimsApi.queue({ status: 'approved', page: 1, pageSize: 500 }),
  });
  const failed = useQuery({
    queryKey: claimKeys.queue({ status: 'payout_failed', pageSize: 500 }),
    queryFn: () => claimsApi.queue({ status: 'payout_failed', page: 1, pageSize: 500 }),
  });
  const rows = [...(approved.data?.items ?? []), ...(failed.data?.items ?? [])];
  // Relief (救助慰问) is paid through the same batches: approved applications and failed transfers to reissue.
  const [selectedRelief, setSelectedRelief] = useState<string[]>([]);
  const reliefApproved = useQuery({
    queryKey: ['relief', { status: 'approved', pageSize: 500 }],
    queryFn: () => reliefApi.list({ status: 'approved', page: 1, pageSize: 500 }),
  });
  const reliefFailed = useQuery({
    queryKey: ['relief', { status: 'payout_failed', pageSize: 500 }],
    queryFn: () => reliefApi.list({ status: 'payout_failed', page: 1, pageSize: 500 }),
  });
  const reliefRows = [...(reliefApproved.data?.items ?? []), ...(reliefFailed.data?.items ?? [])];
  const create = useMutation({
    mutationFn: (ids?: { claims: string[]; relief: string[] }) => payoutsApi.create(ids?.claims, ids?.relief),
    onSuccess: (batch) => {
      message.success(t('payouts.created', { count: batch.itemCount, total: formatFen(batch.totalFen) }));
      queryClient.invalidateQueries({ queryKey: ['claims'] });
      queryClient.invalidateQueries({ queryKey: ['relief'] });
      queryClient.invalidateQueries({ queryKey: ['payout-batches'] });
      navigate(`/payouts/${encodeURIComponent(batch.id)}`);
    },
  });

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button
          type="primary"
          icon={<MoneyCollectOutlined />}
          disabled={rows.length + reliefRows.length === 0}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              selected.length + selectedRelief.length > 0 ? { claims: selected, relief: selectedRelief } : undefined,
            )
          }
          data-testid="create-payout"
        >
          {selected.length + selectedRelief.length > 0
            ? t('payouts.createSelected', { count: selected.length + selectedRelief.length })
            : t('payouts.createAll')}
        </Button>
        <span>
          {t('payouts.payableTotal', {
            total: formatFen(
              rows.reduce((s, r) => s + (r.approvedAmountFen ?? 0), 0) +
                reliefRows.reduce((s, r) => s + r.amountFen, 0),
            ),
          })}
        </span>
      </Space>
      <Table<ClaimRow>
        rowKey="id"
        data-testid="payable-claims"
        loading={approved.isFetching || failed.isFetching}
        dataSource={rows}
        pagination={false}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        columns={[
          { title: t('claims.status'), key: 'status', render: (_, r) => <ClaimStatusTag status={r.status} /> },
          {
            title: t('claims.member'),
            key: 'member',
            render: (_, r) => <Link to={`/claims/${encodeURIComponent(r.id)}`}>{r.memberName}</Link>,
          },
          { title: t('claims.unit'), key: 'unit', render: (_, r) => r.unitName ?? t('common.none') },
          { title: t('claims.kind'), key: 'kind', render: (_, r) => labels.kind(r.kind) },
          {
            title: t('claimDetail.approved'),
            key: 'amount',
            align: 'right',
            render: (_, r) => formatFen(r.approvedAmountFen ?? 0),
          },
          { title: t('claimDetail.decidedAt'), key: 'decided', render: (_, r) => formatInstant(r.decidedAt) },
        ]}
      />
      {reliefRows.length > 0 && (
        <>
          <h4 style={{ marginTop: 24 }}>{t('menu.reliefGroup')}</h4>
          <Table<ReliefView>
            rowKey="id"
            data-testid="payable-relief"
            dataSource={reliefRows}
            pagination={false}
            rowSelection={{ selectedRowKeys: selectedRelief, onChange: (keys) => setSelectedRelief(keys as string[]) }}
            columns={[
              { title: t('relief.status'), key: 'status', render: (_, r) => <ReliefStatusTag status={r.status} /> },
              {
                title: t('relief.member'),
                key: 'member',
                render: (_, r) => <Link to={`/relief/${encodeURIComponent(r.id)}`}>{r.memberName}</Link>,
              },
              { title: t('relief.category'), dataIndex: 'categoryName' },
              { title: t('relief.amount'), key: 'amount', align: 'right', render: (_, r) => formatFen(r.amountFen) },
              { title: t('claimDetail.decidedAt'), key: 'decided', render: (_, r) => formatInstant(r.decidedAt) },
            ]}
          />
        </>
      )}
    </>
  );
}

function BatchList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { update, page, pageSize } = useSearchState();
  const batches = useQuery({
    queryKey: payoutKeys.batches(page, pageSize),
    queryFn: () => payoutsApi.batches(page, pageSize),
    placeholderData: keepPreviousData,
  });
  return (
    <Table<PayoutBatchView>
      rowKey="id"
      className="clickable-rows"
      data-testid="payout-batches"
      loading={batches.isFetching}
      dataSource={batches.data?.items}
      onRow={(b) => ({ onClick: () => navigate(`/payouts/${encodeURIComponent(b.id)}`) })}
      pagination={{
        current: page,
        pageSize,
        total: batches.data?.total ?? 0,
        showTotal: (total) => t('common.total', { total }),
        onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
      }}
      columns={[
        { title: t('common.createdAt'), key: 'created', render: (_, b) => formatInstant(b.createdAt) },
        {
          title: t('payouts.batchStatus'),
          key: 'status',
          render: (_, b) =>
            b.status === 'open' ? <Tag color="processing">{t('payouts.open')}</Tag> : <Tag>{t('payouts.closed')}</Tag>,
        },
        { title: t('payouts.items'), dataIndex: 'itemCount', align: 'right' },
        { title: t('payouts.total'), key: 'total', align: 'right', render: (_, b) => formatFen(b.totalFen) },
        {
          title: t('payouts.progress'),
          key: 'progress',
          render: (_, b) =>
            t('payouts.progressText', { paid: b.paidCount, failed: b.failedCount, pending: b.pendingCount }),
        },
        { title: t('payouts.exportedAt'), key: 'exported', render: (_, b) => formatInstant(b.exportedAt) },
      ]}
    />
  );
}

/** 互助金支付: finance gathers approved claims into bank-transfer batches and follows each batch to the bank's result. */
export function PayoutsPage() {
  const { t } = useI18n();
  const { get, update } = useSearchState();
  const tab = get('tab') === 'batches' ? 'batches' : 'payable';
  return (
    <>
      <PageHeader title={t('menu.payouts')} subtitle={t('payouts.subtitle')} />
      <Card>
        <Alert type="info" showIcon title={t('payouts.hint')} style={{ marginBottom: 16 }} />
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'payable' ? undefined : k })}
          items={[
            { key: 'payable', label: t('payouts.payable'), children: <PayableClaims /> },
            { key: 'batches', label: t('payouts.batches'), children: <BatchList /> },
          ]}
        />
      </Card>
    </>
  );
}
