import { type Agency, type AgencyKind, agencyKinds } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { useCan } from '../auth/session.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';

const kindColors: Record<AgencyKind, string> = { district: 'geekblue', industry: 'purple', direct: 'gold' };

export function AgenciesPage() {
  const { t, labels } = useI18n();
  const can = useCan();
  const { get, update, page, pageSize } = useSearchState();
  const kindParam = get('kind');
  const kind = agencyKinds.find((k) => k === kindParam);
  const query = { q: get('q'), kind, page, pageSize };
  // Paged and searched on the server, like every list (filters in the address bar).
  const agencies = useQuery({
    queryKey: orgKeys.agencyPage(query),
    queryFn: () => orgApi.agencyPage(query),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('menu.agencies')} subtitle={t('agencies.subtitle')} />
      <Card>
        <Space className="filter-bar" wrap>
          <Segmented
            value={kind ?? 'all'}
            onChange={(v) => update({ kind: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('common.all') },
              ...agencyKinds.map((k) => ({ value: k, label: labels.agencyKind(k) })),
            ]}
          />
          <Input.Search
            key={query.q ?? ''}
            allowClear
            defaultValue={query.q}
            placeholder={`${t('agencies.name')} / ${t('agencies.code')}`}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 260 }}
          />
        </Space>
        <Table<Agency>
          rowKey="id"
          size="middle"
          loading={agencies.isFetching}
          dataSource={agencies.data?.items}
          scroll={{ x: 700 }}
          pagination={{
            current: page,
            pageSize,
            total: agencies.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            {
              title: t('agencies.code'),
              dataIndex: 'code',
              width: 140,
            },
            { title: t('agencies.name'), dataIndex: 'name' },
            {
              title: t('agencies.kind'),
              dataIndex: 'kind',
              width: 120,
              render: (k: AgencyKind) => <Tag color={kindColors[k]}>{labels.agencyKind(k)}</Tag>,
            },
            {
              title: t('agencies.regionCode'),
              dataIndex: 'regionCode',
              width: 160,
              render: (v: string | null) => v ?? t('common.none'),
            },
            ...(can('unit.read')
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 120,
                    render: (_: unknown, a: Agency) => (
                      <Link to={`/units?agencyId=${encodeURIComponent(a.id)}`}>{t('agencies.viewUnits')}</Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
