import { PrinterOutlined } from '@ant-design/icons';
import { formatFen } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, Space, Table } from 'antd';
import { Link } from 'react-router';
import { enrolmentApi, enrolmentKeys, type Policy } from '../api/enrolment.api.ts';
import { useCan } from '../auth/session.tsx';
import { ContinuousTag, PolicyStatusTag } from '../components/status-tags.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** 保障: every policy of the member (newest first) with its status today, waiting end and certificate. */
export function MemberPolicies({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const policies = useQuery({
    queryKey: enrolmentKeys.memberPolicies(memberId, paging.page, paging.pageSize),
    queryFn: () => enrolmentApi.memberPolicies(memberId, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  if (!policies.isPending && (policies.data?.total ?? 0) === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.noPolicies')} />;
  return (
    <Table<Policy>
      rowKey="id"
      size="small"
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: policies.data?.total ?? 0,
        hideOnSinglePage: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
      }}
      loading={policies.isFetching}
      dataSource={policies.data?.items}
      data-testid="member-policies"
      scroll={{ x: 1000 }}
      columns={[
        { title: t('members.product'), dataIndex: 'productName' },
        { title: t('members.shares'), dataIndex: 'shares', width: 60, align: 'right' },
        { title: t('batch.fee'), dataIndex: 'feeFen', width: 100, align: 'right', render: (f: number) => formatFen(f) },
        {
          title: t('policy.period'),
          key: 'period',
          width: 210,
          render: (_: unknown, p) => `${p.startDate} – ${p.endDate}`,
        },
        {
          title: t('policy.waitingEnd'),
          dataIndex: 'waitingEndDate',
          width: 120,
          render: (d: string | null) => d ?? t('policy.noWaiting'),
        },
        {
          title: t('members.policyStatus'),
          key: 'status',
          width: 150,
          render: (_: unknown, p) => (
            <Space size={2}>
              <PolicyStatusTag status={p.status} />
              {p.continuous && <ContinuousTag />}
            </Space>
          ),
        },
        ...(can('policy.read')
          ? [
              {
                title: t('common.actions'),
                key: 'certificate',
                width: 140,
                render: (_: unknown, p: Policy) => (
                  <Link to={`/certificates/${encodeURIComponent(p.id)}`}>
                    <PrinterOutlined /> {t('policy.certificate')}
                  </Link>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
