import { type BatchStatus, batchStatuses } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Tag } from 'antd';
import { type BatchFilters, enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { useCan, useCurrentSession } from '../auth/session.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BatchTable } from './batch-table.tsx';
import { UnitPicker } from './unit-picker.tsx';

/** 参保批次: every batch in the caller's scope, newest first, filtered by status and unit in the address bar. */
export function BatchesPage() {
  const { t, labels } = useI18n();
  const { user } = useCurrentSession();
  const can = useCan();
  const { get, update, page, pageSize } = useSearchState();
  const status = batchStatuses.includes(get('status') as BatchStatus) ? (get('status') as BatchStatus) : undefined;
  const filters: BatchFilters = { status, unitId: get('unitId'), page, pageSize };
  const batches = useQuery({
    queryKey: enrolmentKeys.batches(filters),
    queryFn: () => enrolmentApi.batches(filters),
    placeholderData: keepPreviousData,
  });
  // A unit agent sees one unit's batches; the unit filter is for staff who see many.
  const picksUnit = user.role !== 'unit_agent' && can('unit.read');
  const unit = useQuery({
    queryKey: orgKeys.unit(filters.unitId ?? ''),
    queryFn: () => orgApi.unit(filters.unitId ?? ''),
    enabled: !!filters.unitId && picksUnit,
    meta: { ownErrors: true },
  });

  return (
    <>
      <PageHeader title={t('menu.batches')} subtitle={t('batches.subtitle')} />
      <Card>
        <Space className="filter-bar" wrap>
          <Select
            data-testid="filter-status"
            style={{ width: 160 }}
            allowClear
            placeholder={t('batch.allStatuses')}
            value={status}
            onChange={(v?: string) => update({ status: v })}
            options={batchStatuses.map((s) => ({ value: s, label: labels.batchStatus(s) }))}
          />
          {picksUnit && (
            <div style={{ width: 320 }}>
              <UnitPicker key={filters.unitId ?? ''} onChange={(id) => update({ unitId: id })} />
            </div>
          )}
          {picksUnit && filters.unitId && (
            <Tag closable color="blue" onClose={() => update({ unitId: undefined })}>
              {t('batch.unitFilter', { name: unit.data?.name ?? filters.unitId })}
            </Tag>
          )}
        </Space>
        <BatchTable
          data={batches.data}
          loading={batches.isFetching}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true)}
          showUnit={user.role !== 'unit_agent'}
        />
      </Card>
    </>
  );
}
