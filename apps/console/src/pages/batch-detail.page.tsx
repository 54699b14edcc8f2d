import { DownloadOutlined } from '@ant-design/icons';
import { type Batch, formatFen } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Steps, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { useCan } from '../auth/session.tsx';
import { formatInstant } from '../components/format.ts';
import { BatchIssuesTable } from '../components/issues-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError } from '../components/query-state.tsx';
import { BatchStatusTag } from '../components/status-tags.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { BatchActions } from './batch-actions.tsx';
import { BatchItemsTable } from './batch-items.tsx';
import { BatchSummary } from './batch-summary.tsx';

/** Where the batch stands on 草稿 → 待审核 → 待缴费确认 → 已生效; a return is the error step where it happened. */
function BatchSteps({ batch: b }: { batch: Batch }) {
  const { t, labels } = useI18n();
  const returnedAt = b.status === 'returned' ? (b.approvedAt && b.approvedAt > (b.submittedAt ?? '') ? 2 : 1) : null;
  const current = returnedAt ?? { draft: 0, submitted: 1, approved: 2, returned: 1, effective: 3 }[b.status];
  const items = [
    { title: labels.batchStatus('draft'), content: formatInstant(b.createdAt) },
    { title: labels.batchStatus('submitted'), content: b.submittedAt ? formatInstant(b.submittedAt) : undefined },
    { title: labels.batchStatus('approved'), content: b.approvedAt ? formatInstant(b.approvedAt) : undefined },
    { title: labels.batchStatus('effective'), content: b.effectiveAt ? formatInstant(b.effectiveAt) : undefined },
  ];
  if (returnedAt !== null) {
    items[returnedAt] = { title: labels.batchStatus('returned'), content: b.returnReason ?? t('common.none') };
  }
  return (
    <Steps
      data-testid="batch-steps"
      current={current}
      status={returnedAt !== null ? 'error' : b.status === 'effective' ? 'finish' : 'process'}
      items={items}
    />
  );
}

export function BatchDetailPage() {
  const { id = '' } = useParams();
  const { t, labels } = useI18n();
  const can = useCan();
  const batch = useQuery({ queryKey: enrolmentKeys.batch(id), queryFn: () => enrolmentApi.batch(id) });
  const crumbs = [{ title: t('menu.batches'), to: '/batches' }, { title: t('batch.detail') }];

  if (batch.isError || batch.isPending) {
    return (
      <>
        <PageHeader title={t('batch.detail')} crumbs={crumbs} />
        <Card>
          {batch.isError ? (
            <LoadError
              error={batch.error}
              notFound={t('batch.notFound')}
              back={{ to: '/batches', label: t('common.back') }}
            />
          ) : (
            <Skeleton active paragraph={{ rows: 8 }} />
          )}
        </Card>
      </>
    );
  }

  const b = batch.data;
  const none = t('common.none');
  const unitName = b.unitName ?? b.unitId;
  const paid = b.paidAmountFen !== null;
  return (
    <>
      <PageHeader
        title={
          <Space>
            <span data-testid="batch-title">{`${unitName} · ${b.productName ?? b.productCode}`}</span>
            <BatchStatusTag status={b.status} />
          </Space>
        }
        subtitle={t('batch.subtitle', { kind: labels.batchKind(b.kind), start: b.requestedStart })}
        crumbs={crumbs}
        extra={<BatchActions batch={b} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {b.status === 'returned' && (
          <Alert
            type="error"
            showIcon
            data-testid="returned-alert"
            title={t('batch.returnedAlert', { reason: b.returnReason ?? none })}
            description={can('batch.create') ? t('batch.resubmitHint') : undefined}
          />
        )}
        <Card>
          <BatchSteps batch={b} />
        </Card>
        <Card title={t('batch.facts')}>
          <Descriptions
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              {
                key: 'unit',
                label: t('batch.unit'),
                children: can('unit.read') ? (
                  <Link to={`/units/${encodeURIComponent(b.unitId)}`}>{unitName}</Link>
                ) : (
                  unitName
                ),
              },
              {
                key: 'product',
                label: t('batch.product'),
                children: (
                  <Space size={6}>
                    {b.productName}
                    <Typography.Text code>{b.productCode}</Typography.Text>
                  </Space>
                ),
              },
              { key: 'kind', label: t('batch.kind'), children: labels.batchKind(b.kind) },
              { key: 'start', label: t('batch.requestedStart'), children: b.requestedStart },
              { key: 'file', label: t('batch.fileName'), children: b.fileName ?? none },
              { key: 'created', label: t('batch.createdAt'), children: formatInstant(b.createdAt) },
              ...(paid
                ? [
                    { key: 'paidAmount', label: t('batch.paidAmount'), children: formatFen(b.paidAmountFen ?? 0) },
                    { key: 'paidOn', label: t('batch.paidOn'), children: b.paidOn ?? none },
                    { key: 'bankRef', label: t('batch.bankReference'), children: b.bankReference ?? none },
                  ]
                : []),
            ]}
          />
          <div style={{ marginTop: 16 }}>
            <BatchSummary batch={b} />
          </div>
        </Card>
        {b.issueCount > 0 && (
          <Card
            title={t('batch.issues')}
            extra={
              b.rejectedRows > 0 && (
                <Button
                  icon={<DownloadOutlined />}
                  href={enrolmentApi.errorsUrl(b.id)}
                  download
                  data-testid="export-errors"
                >
                  {t('batch.exportErrors')}
                </Button>
              )
            }
          >
            <BatchIssuesTable batchId={b.id} />
          </Card>
        )}
        <Card title={t('batch.items')}>
          <BatchItemsTable batchId={b.id} />
        </Card>
      </Space>
    </>
  );
}
