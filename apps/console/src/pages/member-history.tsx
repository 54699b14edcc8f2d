import { formatFen } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ClaimRow, claimKeys, claimsApi } from '../api/claims.api.ts';
import { type ReliefView, reliefApi, reliefKeys } from '../api/relief.api.ts';
import { formatInstant } from '../components/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useClaimLabels } from './claims/claim-labels.ts';
import { ClaimStatusTag } from './claims/claim-tags.tsx';
import { ReliefStatusTag } from './relief/relief-tags.tsx';

const PAGE_SIZE = 10;

/** The member's claims, newest first, paged with the total. */
export function MemberClaims(props: { memberId: string }) {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const [page, setPage] = useState(1);
  const filter = { memberId: props.memberId, page, pageSize: PAGE_SIZE };
  const claims = useQuery({
    queryKey: claimKeys.queue(filter),
    queryFn: () => claimsApi.queue(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <Table<ClaimRow>
      rowKey="id"
      size="small"
      data-testid="member-claims"
      loading={claims.isFetching}
      dataSource={claims.data?.items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: claims.data?.total ?? 0,
        hideOnSinglePage: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: setPage,
      }}
      columns={[
        {
          title: t('payouts.claimNo'),
          key: 'id',
          render: (_, r) => <Link to={`/claims/${encodeURIComponent(r.id)}`}>{r.id.slice(-12)}</Link>,
        },
        { title: t('claims.status'), key: 'status', render: (_, r) => <ClaimStatusTag status={r.status} /> },
        { title: t('claims.kind'), key: 'kind', render: (_, r) => labels.kind(r.kind) },
        { title: t('claims.eventDate'), dataIndex: 'eventDate' },
        {
          title: t('claims.amount'),
          key: 'amount',
          align: 'right',
          render: (_, r) => formatFen(r.approvedAmountFen ?? r.assessedAmountFen),
        },
        { title: t('claimDetail.decidedAt'), key: 'decided', render: (_, r) => formatInstant(r.decidedAt) },
      ]}
    />
  );
}

/** The member's relief applications (救助慰问), paged with the total. */
export function MemberRelief(props: { memberId: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const filter = { memberId: props.memberId, page, pageSize: PAGE_SIZE };
  const relief = useQuery({
    queryKey: reliefKeys.list(filter),
    queryFn: () => reliefApi.list(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <Table<ReliefView>
      rowKey="id"
      size="small"
      data-testid="member-relief"
      loading={relief.isFetching}
      dataSource={relief.data?.items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: relief.data?.total ?? 0,
        hideOnSinglePage: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: setPage,
      }}
      columns={[
        {
          title: t('relief.category'),
          key: 'category',
          render: (_, r) => <Link to={`/relief/${encodeURIComponent(r.id)}`}>{r.categoryName}</Link>,
        },
        { title: t('relief.status'), key: 'status', render: (_, r) => <ReliefStatusTag status={r.status} /> },
        { title: t('relief.amount'), key: 'amount', align: 'right', render: (_, r) => formatFen(r.amountFen) },
        { title: t('claimDetail.decidedAt'), key: 'decided', render: (_, r) => formatInstant(r.decidedAt) },
      ]}
    />
  );
}
