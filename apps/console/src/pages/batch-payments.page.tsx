import { BankOutlined } from '@ant-design/icons';
import type { Batch } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { type BatchFilters, enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BatchPaymentModal } from './batch-payment.modal.tsx';
import { BatchTable } from './batch-table.tsx';

/** 缴费确认: approved batches waiting for finance to match the bank transfer; confirming makes them effective. */
export function BatchPaymentsPage() {
  const { t } = useI18n();
  const { update, page, pageSize } = useSearchState();
  const [paying, setPaying] = useState<Batch | null>(null);
  const filters: BatchFilters = { status: 'approved', page, pageSize };
  const batches = useQuery({
    queryKey: enrolmentKeys.batches(filters),
    queryFn: () => enrolmentApi.batches(filters),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('menu.payments')} subtitle={t('payments.subtitle')} />
      <Card>
        <BatchTable
          data={batches.data}
          loading={batches.isFetching}
          page={page}
          pageSize={pageSize}
          showStatus={false}
          emptyText={t('payments.empty')}
          onPage={(p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true)}
          actions={{
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            fixed: 'right',
            render: (_: unknown, b: Batch) => (
              <Button
                type="link"
                size="small"
                icon={<BankOutlined />}
                onClick={(e) => {
                  e.stopPropagation();
                  setPaying(b);
                }}
              >
                {t('batch.pay')}
              </Button>
            ),
          }}
        />
      </Card>
      <BatchPaymentModal batch={paying} onClose={() => setPaying(null)} />
    </>
  );
}
