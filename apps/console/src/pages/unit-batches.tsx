import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type BatchFilters, enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { BatchTable } from './batch-table.tsx';

/** The unit's enrolment batches (rosters and renewals), newest first. */
export function UnitBatches({ unitId }: { unitId: string }) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const filters: BatchFilters = { unitId, ...paging };
  const batches = useQuery({
    queryKey: enrolmentKeys.batches(filters),
    queryFn: () => enrolmentApi.batches(filters),
    placeholderData: keepPreviousData,
  });
  return (
    <BatchTable
      data={batches.data}
      loading={batches.isFetching}
      page={paging.page}
      pageSize={paging.pageSize}
      onPage={(page, pageSize) => setPaging({ page, pageSize })}
      showUnit={false}
    />
  );
}
