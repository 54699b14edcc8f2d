import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import type { Batch } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space } from 'antd';
import { useState } from 'react';
import { type BatchFilters, enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BatchReviewModal, type ReviewMode } from './batch-review.modal.tsx';
import { BatchTable } from './batch-table.tsx';

/** 审核队列: submitted batches in the caller's scope, approved with an optional note or returned with a reason. */
export function BatchReviewPage() {
  const { t } = useI18n();
  const { update, page, pageSize } = useSearchState();
  const [reviewing, setReviewing] = useState<{ batch: Batch; mode: ReviewMode } | null>(null);
  const filters: BatchFilters = { status: 'submitted', page, pageSize };
  const batches = useQuery({
    queryKey: enrolmentKeys.batches(filters),
    queryFn: () => enrolmentApi.batches(filters),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('menu.review')} subtitle={t('review.subtitle')} />
      <Card>
        <BatchTable
          data={batches.data}
          loading={batches.isFetching}
          page={page}
          pageSize={pageSize}
          showStatus={false}
          emptyText={t('review.empty')}
          onPage={(p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true)}
          actions={{
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            fixed: 'right',
            render: (_: unknown, b: Batch) => (
              // The row opens the batch; the buttons act on it without leaving the queue.
              <Space size={4} onClick={(e) => e.stopPropagation()}>
                <Button
                  type="link"
                  size="small"
                  icon={<CheckOutlined />}
                  onClick={() => setReviewing({ batch: b, mode: 'approve' })}
                >
                  {t('batch.approve')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<RollbackOutlined />}
                  onClick={() => setReviewing({ batch: b, mode: 'return' })}
                >
                  {t('batch.return')}
                </Button>
              </Space>
            ),
          }}
        />
      </Card>
      <BatchReviewModal
        batch={reviewing?.batch ?? null}
        mode={reviewing?.mode ?? 'approve'}
        onClose={() => setReviewing(null)}
      />
    </>
  );
}
