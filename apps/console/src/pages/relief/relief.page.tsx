import { PlusOutlined } from '@ant-design/icons';
import { formatFen, reliefCategoryCodes, reliefCategoryLabels, reliefStatuses, reliefStatusLabels } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { orgApi, orgKeys } from '../../api/org.api.ts';
import { type ReliefFilters, type ReliefView, reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { useCan, useCurrentSession } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';
import { ReliefStatusTag } from './relief-tags.tsx';

/** 救助申请: the applications in the caller's scope, newest first, searchable and paged. */
export function ReliefPage() {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const can = useCan();
  const navigate = useNavigate();
  const { get, update, page, pageSize } = useSearchState();
  const filters: ReliefFilters = {
    status: get('status'),
    category: get('category'),
    agencyId: get('agencyId'),
    q: get('q'),
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: reliefKeys.list(filters),
    queryFn: () => reliefApi.list(filters),
    placeholderData: keepPreviousData,
  });
  const picksAgency = user.role.startsWith('office_');
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies, enabled: picksAgency });

  return (
    <>
      <PageHeader
        title={t('menu.relief')}
        subtitle={t('relief.subtitle')}
        extra={
          can('relief.create') && (
            <Link to="/relief/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-relief">
                {t('relief.new')}
              </Button>
            </Link>
          )
        }
      />
      <Card>
        <Space className="filter-bar" wrap>
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder={t('relief.search')}
            defaultValue={filters.q}
            onSearch={(v) => update({ q: v.trim() })}
            data-testid="relief-search"
          />
          <Select
            style={{ width: 170 }}
            allowClear
            placeholder={t('relief.allStatuses')}
            value={filters.status}
            onChange={(v?: string) => update({ status: v })}
            options={reliefStatuses.map((s) => ({ value: s, label: reliefStatusLabels[s] }))}
            data-testid="relief-filter-status"
          />
          <Select
            style={{ width: 170 }}
            allowClear
            placeholder={t('relief.allCategories')}
            value={filters.category}
            onChange={(v?: string) => update({ category: v })}
            options={reliefCategoryCodes.map((c) => ({ value: c, label: reliefCategoryLabels[c] }))}
          />
          {picksAgency && (
            <Select
              style={{ width: 220 }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('relief.allAgencies')}
              value={filters.agencyId}
              onChange={(v?: string) => update({ agencyId: v })}
              options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          )}
        </Space>
        <Table<ReliefView>
          rowKey="id"
          data-testid="relief-table"
          loading={list.isFetching}
          dataSource={list.data?.items}
          className="clickable-rows"
          onRow={(r) => ({ onClick: () => navigate(`/relief/${encodeURIComponent(r.id)}`) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            { title: t('relief.status'), key: 'status', render: (_, r) => <ReliefStatusTag status={r.status} /> },
            { title: t('relief.number'), dataIndex: 'number' },
            {
              title: t('relief.member'),
              key: 'member',
              render: (_, r) => (
                <Link to={`/relief/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()}>
                  {r.memberName}
                </Link>
              ),
            },
            { title: t('relief.category'), dataIndex: 'categoryName' },
            { title: t('relief.eventDate'), dataIndex: 'eventDate' },
            { title: t('relief.amount'), key: 'amount', align: 'right', render: (_, r) => formatFen(r.amountFen) },
            {
              title: t('relief.origin'),
              key: 'origin',
              render: (_, r) => t(`relief.origin.${r.origin}` as MessageKey),
            },
            { title: t('relief.claims'), key: 'claims', render: (_, r) => (r.claims.length ? r.claims.length : '—') },
            { title: t('relief.filedAt'), key: 'filedAt', render: (_, r) => formatInstant(r.filedAt) },
          ]}
        />
      </Card>
    </>
  );
}
