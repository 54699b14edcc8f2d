import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { type Unit, type UnitCategory, unitCategories } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { orgApi, orgKeys, type UnitFilters } from '../api/org.api.ts';
import { useCan } from '../auth/session.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { EnrolmentTag } from '../components/enrolment-tag.tsx';
import { UnitCreateModal } from './unit-create.modal.tsx';

export function UnitsPage() {
  const { t, labels } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { get, update, page, pageSize } = useSearchState();
  const [creating, setCreating] = useState(false);

  const enrolledParam = get('enrolled');
  const filters: UnitFilters = {
    agencyId: get('agencyId'),
    category: unitCategories.includes(get('category') as UnitCategory) ? (get('category') as UnitCategory) : undefined,
    enrolled: enrolledParam === 'true' ? true : enrolledParam === 'false' ? false : undefined,
    q: get('q'),
    page,
    pageSize,
  };
  // Unit agents see one unit and no agency list, so they get no agency filter either.
  const seesAgencies = can('agency.read');
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies, enabled: seesAgencies });
  const units = useQuery({
    queryKey: orgKeys.units(filters),
    queryFn: () => orgApi.units(filters),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('menu.units')}
        subtitle={t('units.subtitle')}
        extra={
          can('unit.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('units.create')}
            </Button>
          )
        }
      />
      <Card>
        <Space className="filter-bar" wrap>
          {seesAgencies && (
            <Select
              data-testid="filter-agency"
              style={{ width: 200 }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('units.allAgencies')}
              loading={agencies.isPending}
              value={filters.agencyId}
              onChange={(v?: string) => update({ agencyId: v })}
              options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          )}
          <Select
            data-testid="filter-category"
            style={{ width: 170 }}
            allowClear
            placeholder={t('units.allCategories')}
            value={filters.category}
            onChange={(v?: string) => update({ category: v })}
            options={unitCategories.map((c) => ({ value: c, label: labels.unitCategory(c) }))}
          />
          <Select
            data-testid="filter-enrolled"
            style={{ width: 140 }}
            allowClear
            placeholder={t('units.allStatuses')}
            value={enrolledParam}
            onChange={(v?: string) => update({ enrolled: v })}
            options={[
              { value: 'true', label: t('units.enrolled') },
              { value: 'false', label: t('units.notEnrolled') },
            ]}
          />
          <Input.Search
            key={filters.q ?? ''}
            data-testid="filter-q"
            allowClear
            defaultValue={filters.q}
            placeholder={t('units.searchPlaceholder')}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 280 }}
          />
        </Space>
        <Table<Unit>
          className="clickable-rows"
          rowKey="id"
          size="middle"
          loading={units.isFetching}
          dataSource={units.data?.items}
          onRow={(u) => ({ onClick: () => navigate(`/units/${encodeURIComponent(u.id)}`) })}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize,
            // "1,000+": one page more is always reachable past the counted ones.
            total: (units.data?.total ?? 0) + (units.data?.totalCapped ? pageSize : 0),
            showSizeChanger: true,
            showTotal: () =>
              t('common.total', {
                total: `${(units.data?.total ?? 0).toLocaleString()}${units.data?.totalCapped ? '+' : ''}`,
              }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            {
              title: t('units.name'),
              dataIndex: 'name',
              render: (name: string) => <Typography.Link>{name}</Typography.Link>,
            },
            {
              title: t('units.creditCode'),
              dataIndex: 'creditCode',
              width: 220,
              render: (code: string, u) => (
                <Space size={4}>
                  <Typography.Text style={{ fontFamily: 'monospace' }}>{code}</Typography.Text>
                  {!u.creditCodeChecksumValid && (
                    <Tooltip title={t('units.checksumWarning')}>
                      <WarningOutlined style={{ color: '#faad14' }} />
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            {
              title: t('units.category'),
              dataIndex: 'category',
              width: 140,
              render: (c: UnitCategory) => labels.unitCategory(c),
            },
            { title: t('units.agency'), dataIndex: 'agencyName', width: 150 },
            { title: t('units.headcount'), dataIndex: 'headcount', width: 110, align: 'right' },
            {
              title: t('units.status'),
              key: 'status',
              width: 190,
              render: (_: unknown, u) => <EnrolmentTag unit={u} />,
            },
          ]}
        />
      </Card>
      <UnitCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => navigate(`/units/${encodeURIComponent(u.id)}`)}
      />
    </>
  );
}
