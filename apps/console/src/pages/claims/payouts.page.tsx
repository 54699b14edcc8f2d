import { MoneyCollectOutlined } from '@ant-design/icons';
import { formatFen } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type PayableClaimView,
  type PayoutBatchView,
  payoutKeys,
  payoutsApi,
  type SkippedView,
} from '../../api/payouts.api.ts';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useClaimLabels } from './claim-labels.ts';
import { type ReliefView, reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { ReliefStatusTag } from '../relief/relief-tags.tsx';
import { ClaimStatusTag } from './claim-tags.tsx';
import { PayoutSkipped } from './payout-skipped.tsx';

/** Page and size of one table, kept in the component (the address bar holds the tab). */
function usePaging(initial = 20) {
  const { t } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: initial });
  const pagination = (total: number) => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200, 500],
    showTotal: (n: number) => t('common.total', { total: n }),
    onChange: (page: number, pageSize: number) =>
      setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
  });
  return { ...paging, pagination };
}

/**
 * Approved claims (and failed transfers to reissue) waiting for a payout batch, paged with the count and sum of every
 * one; finance picks some or all. Claims whose member has no bank account are shown too, marked: a batch leaves them
 * out and names them.
 */
function PayableClaims() {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const claimsPage = usePaging();
  const claims = useQuery({
    queryKey: payoutKeys.payable(undefined, claimsPage.page, claimsPage.pageSize),
    queryFn: () => payoutsApi.payable(undefined, claimsPage.page, claimsPage.pageSize),
    placeholderData: keepPreviousData,
  });
  // Relief (救助慰问) is paid through the same batches: approved applications and failed transfers to reissue, each
  // its own paged table (selection kept across pages and tables).
  const [selectedRelief, setSelectedRelief] = useState<string[]>([]);
  const reliefTotals = useQuery({
    queryKey: reliefKeys.list({ status: 'approved', page: 1, pageSize: 1 }),
    queryFn: async () => {
      const [approved, failed] = await Promise.all([
        reliefApi.list({ status: 'approved', page: 1, pageSize: 1 }),
        reliefApi.list({ status: 'payout_failed', page: 1, pageSize: 1 }),
      ]);
      return { approved: approved.total, failed: failed.total };
    },
  });
  const reliefTotal = (reliefTotals.data?.approved ?? 0) + (reliefTotals.data?.failed ?? 0);
  const create = useMutation({
    mutationFn: (ids?: { claims: string[]; relief: string[] }) => payoutsApi.create(ids?.claims, ids?.relief),
    meta: { ownErrors: true },
    onSuccess: (batch) => {
      message.success(t('payouts.created', { count: batch.itemCount, total: formatFen(batch.totalFen) }));
      queryClient.invalidateQueries({ queryKey: ['claims'] });
      queryClient.invalidateQueries({ queryKey: ['payout-claims'] });
      queryClient.invalidateQueries({ queryKey: ['relief'] });
      queryClient.invalidateQueries({ queryKey: ['payout-batches'] });
      setSelected([]);
      setSelectedRelief([]);
      navigate(`/payouts/${encodeURIComponent(batch.id)}`, { state: { skipped: batch.skipped ?? [] } });
    },
    onError: (e) => message.error(e.message),
  });
  const refusedSkipped = (create.error as { details?: { skipped?: SkippedView[] } } | null)?.details?.skipped ?? [];
  const payableCount = (claims.data?.total ?? 0) + reliefTotal;

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Button
          type="primary"
          icon={<MoneyCollectOutlined />}
          disabled={payableCount === 0}
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
        <span data-testid="payable-total">
          {t('payouts.payableSummary', {
            count: claims.data?.total ?? 0,
            total: formatFen(claims.data?.totalFen ?? 0),
          })}
        </span>
      </Space>
      {refusedSkipped.length > 0 && (
        <div style={{ marginBottom: 16 }}>
          <PayoutSkipped skipped={refusedSkipped} />
        </div>
      )}
      <Table<PayableClaimView>
        rowKey="id"
        data-testid="payable-claims"
        loading={claims.isFetching}
        dataSource={claims.data?.items}
        pagination={claimsPage.pagination(claims.data?.total ?? 0)}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys as string[]),
        }}
        columns={[
          { title: t('claims.status'), key: 'status', render: (_, r) => <ClaimStatusTag status={r.status} /> },
          {
            title: t('claims.member'),
            key: 'member',
            render: (_, r) => <Link to={`/members/${encodeURIComponent(r.memberId)}`}>{r.memberName}</Link>,
          },
          {
            title: t('payouts.claimNo'),
            key: 'claim',
            render: (_, r) => <Link to={`/claims/${encodeURIComponent(r.id)}`}>{r.id.slice(-12)}</Link>,
          },
          { title: t('claims.unit'), key: 'unit', render: (_, r) => r.unitName ?? t('common.none') },
          { title: t('claims.kind'), key: 'kind', render: (_, r) => labels.kind(r.kind) },
          {
            title: t('payouts.account'),
            key: 'account',
            render: (_, r) =>
              r.bankAccountMasked ? (
                `${r.bankName ?? ''} ${r.bankAccountMasked}`
              ) : (
                <Tag color="warning">{t('claimDetail.noBankAccountWarning')}</Tag>
              ),
          },
          {
            title: t('claimDetail.approved'),
            key: 'amount',
            align: 'right',
            render: (_, r) => formatFen(r.approvedAmountFen),
          },
          { title: t('claimDetail.decidedAt'), key: 'decided', render: (_, r) => formatInstant(r.decidedAt) },
        ]}
      />
      {reliefTotal > 0 && <h4 style={{ marginTop: 24 }}>{t('menu.reliefGroup')}</h4>}
      {(['approved', 'payout_failed'] as const).map((status) =>
        (status === 'approved' ? reliefTotals.data?.approved : reliefTotals.data?.failed) ? (
          <PayableRelief key={status} status={status} selected={selectedRelief} onSelect={setSelectedRelief} />
        ) : null,
      )}
    </>
  );
}

/** One status of the payable relief applications, paged from the server with its total. */
function PayableRelief(props: {
  status: 'approved' | 'payout_failed';
  selected: string[];
  onSelect(ids: string[]): void;
}) {
  const { t } = useI18n();
  const paging = usePaging();
  const filter = { status: props.status, page: paging.page, pageSize: paging.pageSize };
  const relief = useQuery({
    queryKey: reliefKeys.list(filter),
    queryFn: () => reliefApi.list(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <Table<ReliefView>
      rowKey="id"
      data-testid={props.status === 'approved' ? 'payable-relief' : 'payable-relief-failed'}
      style={{ marginBottom: 16 }}
      dataSource={relief.data?.items}
      loading={relief.isFetching}
      pagination={paging.pagination(relief.data?.total ?? 0)}
      rowSelection={{
        selectedRowKeys: props.selected,
        preserveSelectedRowKeys: true,
        onChange: (keys) => props.onSelect(keys as string[]),
      }}
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
  );
}

/** 待登记账户: approved claims whose member has no bank account yet — they join no batch until one is registered. */
function WaitingForAccount() {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const paging = usePaging();
  const waiting = useQuery({
    queryKey: payoutKeys.payable('missing', paging.page, paging.pageSize),
    queryFn: () => payoutsApi.payable('missing', paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Alert type="warning" showIcon title={t('payouts.waitingHint')} style={{ marginBottom: 16 }} />
      <Table<PayableClaimView>
        rowKey="id"
        data-testid="waiting-claims"
        loading={waiting.isFetching}
        dataSource={waiting.data?.items}
        pagination={paging.pagination(waiting.data?.total ?? 0)}
        columns={[
          {
            title: t('claims.member'),
            key: 'member',
            render: (_, r) => <Link to={`/members/${encodeURIComponent(r.memberId)}`}>{r.memberName}</Link>,
          },
          {
            title: t('payouts.claimNo'),
            key: 'claim',
            render: (_, r) => <Link to={`/claims/${encodeURIComponent(r.id)}`}>{r.id}</Link>,
          },
          { title: t('claims.unit'), key: 'unit', render: (_, r) => r.unitName ?? t('common.none') },
          { title: t('claims.kind'), key: 'kind', render: (_, r) => labels.kind(r.kind) },
          {
            title: t('claimDetail.approved'),
            key: 'amount',
            align: 'right',
            render: (_, r) => formatFen(r.approvedAmountFen),
          },
          { title: t('claimDetail.decidedAt'), key: 'decided', render: (_, r) => formatInstant(r.decidedAt) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Link to={`/members/${encodeURIComponent(r.memberId)}`} data-testid="waiting-add-account">
                {t('payouts.addAccount')}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}

function BatchList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { get, update, page, pageSize } = useSearchState();
  const q = get('q');
  const batches = useQuery({
    queryKey: payoutKeys.batches(page, pageSize, q),
    queryFn: () => payoutsApi.batches(page, pageSize, q),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space className="filter-bar">
        <Input.Search
          key={q ?? ''}
          allowClear
          defaultValue={q}
          placeholder={t('payouts.batchSearchPlaceholder')}
          onSearch={(v) => update({ q: v.trim() })}
          style={{ width: 300 }}
          data-testid="payout-batch-search"
        />
      </Space>
      <Table<PayoutBatchView>
        rowKey="id"
        className="clickable-rows"
        data-testid="payout-batches"
        loading={batches.isFetching}
        dataSource={batches.data?.items}
        scroll={{ x: 800 }}
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
              b.status === 'open' ? (
                <Tag color="processing">{t('payouts.open')}</Tag>
              ) : (
                <Tag>{t('payouts.closed')}</Tag>
              ),
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
    </>
  );
}

/** 互助金支付: finance gathers approved claims into bank-transfer batches and follows each batch to the bank's result. */
export function PayoutsPage() {
  const { t } = useI18n();
  const { get, update } = useSearchState();
  const tabs = ['payable', 'waiting', 'batches'] as const;
  const tab = tabs.find((k) => k === get('tab')) ?? 'payable';
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
            { key: 'waiting', label: t('payouts.waiting'), children: <WaitingForAccount /> },
            { key: 'batches', label: t('payouts.batches'), children: <BatchList /> },
          ]}
        />
      </Card>
    </>
  );
}
