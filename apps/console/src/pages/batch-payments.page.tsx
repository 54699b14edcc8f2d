import { BankOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { type Batch, formatFen } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { type BatchFilters, enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BatchPaymentModal } from './batch-payment.modal.tsx';
import { BatchTable } from './batch-table.tsx';
import { EnrolmentPaymentList } from './enrolment-payment-list.tsx';
import { EnrolmentPaymentModal } from './enrolment-payment.modal.tsx';

/**
 * The approved batches waiting for their bank transfer: one at a time (确认到账), or several of one unit selected and
 * recorded as one transfer (合并登记到账). Selection is kept across pages, by batch.
 */
function PaymentQueue() {
  const { t } = useI18n();
  const { update, page, pageSize } = useSearchState();
  const [paying, setPaying] = useState<Batch | null>(null);
  const [selected, setSelected] = useState<Batch[]>([]);
  const [transfer, setTransfer] = useState(false);
  const filters: BatchFilters = { status: 'approved', page, pageSize };
  const batches = useQuery({
    queryKey: enrolmentKeys.batches(filters),
    queryFn: () => enrolmentApi.batches(filters),
    placeholderData: keepPreviousData,
  });
  const unitId = selected[0]?.unitId;
  const oneUnit = selected.every((b) => b.unitId === unitId);
  const sum = selected.reduce((s, b) => s + b.totalFeeFen, 0);

  return (
    <>
      <Space className="filter-bar" wrap>
        <Button
          type="primary"
          icon={<MergeCellsOutlined />}
          disabled={selected.length === 0 || !oneUnit}
          onClick={() => setTransfer(true)}
          data-testid="record-transfer"
        >
          {t('payments.recordMany')}
        </Button>
        <Typography.Text type="secondary" data-testid="selection-summary">
          {selected.length === 0
            ? t('payments.selectHint')
            : t('payments.selected', { n: selected.length, amount: formatFen(sum) })}
        </Typography.Text>
      </Space>
      {!oneUnit && <Alert type="warning" showIcon title={t('payments.oneUnitOnly')} style={{ marginBottom: 12 }} />}
      <BatchTable
        data={batches.data}
        loading={batches.isFetching}
        page={page}
        pageSize={pageSize}
        showStatus={false}
        emptyText={t('payments.empty')}
        onPage={(p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true)}
        rowSelection={{
          preserveSelectedRowKeys: true,
          selectedRowKeys: selected.map((b) => b.id),
          onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
          // A batch a held transfer names waits for that transfer's resolution.
          getCheckboxProps: (b) => ({ disabled: !!b.heldPaymentId || (!!unitId && b.unitId !== unitId) }),
        }}
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
              disabled={!!b.heldPaymentId}
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
      <BatchPaymentModal batch={paying} onClose={() => setPaying(null)} />
      <EnrolmentPaymentModal
        batches={selected}
        open={transfer}
        onClose={() => setTransfer(false)}
        onDone={() => setSelected([])}
      />
    </>
  );
}

/** 缴费确认: approved batches waiting for finance to match the bank transfer, and the transfers held to reconcile. */
export function BatchPaymentsPage() {
  const { t } = useI18n();
  const { get, update } = useSearchState();
  const tabs = ['queue', 'held', 'all'] as const;
  const tab = tabs.find((k) => k === get('tab')) ?? 'queue';
  return (
    <>
      <PageHeader title={t('menu.payments')} subtitle={t('payments.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(k) => update({ tab: k === 'queue' ? undefined : k, q: undefined })}
          items={[
            { key: 'queue', label: t('payments.tabQueue'), children: <PaymentQueue /> },
            { key: 'held', label: t('payments.tabHeld'), children: <EnrolmentPaymentList status="held" /> },
            { key: 'all', label: t('payments.tabAll'), children: <EnrolmentPaymentList /> },
          ]}
        />
      </Card>
    </>
  );
}
