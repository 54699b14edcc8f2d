import { formatFen } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type BatchItemView, enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { useCan } from '../auth/session.tsx';
import { ContinuousTag } from '../components/status-tags.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** The people a batch enrols, paged on the server (a unit may send thousands); ID numbers only ever masked. */
export function BatchItemsTable({ batchId }: { batchId: string }) {
  const { t, labels } = useI18n();
  const can = useCan();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const items = useQuery({
    queryKey: enrolmentKeys.items(batchId, paging.page, paging.pageSize),
    queryFn: () => enrolmentApi.items(batchId, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });
  return (
    <Table<BatchItemView>
      rowKey="row"
      size="small"
      data-testid="batch-items"
      loading={items.isFetching}
      dataSource={items.data?.items}
      locale={{ emptyText: t('batch.noItems') }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: items.data?.total ?? 0,
        showTotal: (total) => t('common.total', { total }),
        onChange: (page, pageSize) => setPaging({ page, pageSize }),
      }}
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 70 },
        {
          title: t('members.name'),
          dataIndex: 'name',
          render: (name: string, it) =>
            it.memberId && can('member.read') ? (
              <Link to={`/members/${encodeURIComponent(it.memberId)}`}>{name}</Link>
            ) : (
              name
            ),
        },
        {
          title: t('members.idNumber'),
          dataIndex: 'idNumberMasked',
          width: 200,
          render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
        },
        { title: t('members.sex'), dataIndex: 'sex', width: 70, render: (s: 'male' | 'female') => labels.sex(s) },
        { title: t('members.birthYear'), dataIndex: 'birthYear', width: 100 },
        { title: t('members.shares'), dataIndex: 'shares', width: 70, align: 'right' },
        { title: t('batch.fee'), dataIndex: 'feeFen', width: 110, align: 'right', render: (f: number) => formatFen(f) },
        {
          title: t('batch.renewal'),
          dataIndex: 'continuous',
          width: 90,
          render: (c: boolean) => (c ? <ContinuousTag /> : null),
        },
      ]}
    />
  );
}
