import { CheckOutlined, CloseOutlined, DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import { formatFen } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  type PayoutBatchView,
  type PayoutItemView,
  type PayoutResultRow,
  payoutKeys,
  type SkippedView,
  payoutsApi,
} from '../../api/payouts.api.ts';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { LoadError } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { PayoutResultsUpload } from './payout-results-upload.tsx';
import { PayoutSkipped } from './payout-skipped.tsx';

const itemColor = { pending: 'processing', paid: 'success', failed: 'error' } as const;

/** 支付批次: the transfers of one batch (accounts masked here, full only in the bank file), the export and the results. */
export function PayoutBatchPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // What the batch left out, as its creation answered (kept in the history entry, so Back shows it again).
  const skipped = ((useLocation().state as { skipped?: SkippedView[] } | null)?.skipped ?? []) as SkippedView[];
  const queryClient = useQueryClient();
  const [failing, setFailing] = useState<PayoutItemView | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const batch = useQuery({ queryKey: payoutKeys.batch(id), queryFn: () => payoutsApi.batch(id) });
  // The items table pages and searches on the server (a batch may hold thousands of transfers).
  const { get, update, page, pageSize } = useSearchState();
  const statusParam = get('status');
  const itemStatus = (['pending', 'paid', 'failed'] as const).find((s) => s === statusParam);
  const itemQuery = { q: get('q'), status: itemStatus, page, pageSize };
  const items = useQuery({
    queryKey: payoutKeys.items(id, itemQuery),
    queryFn: () => payoutsApi.items(id, itemQuery),
    placeholderData: keepPreviousData,
  });
  const crumbs = [{ title: t('menu.payouts'), to: '/payouts?tab=batches' }, { title: t('payouts.batchTitle') }];

  // After results (by hand or from the bank's file): this batch as the server answered, the lists refetched.
  const applied = (b: PayoutBatchView) => {
    queryClient.setQueryData(payoutKeys.batch(id), b);
    queryClient.invalidateQueries({ queryKey: [...payoutKeys.batch(id), 'items'] });
    queryClient.invalidateQueries({ queryKey: ['payout-batches'] });
    queryClient.invalidateQueries({ queryKey: ['payout-claims'] });
    queryClient.invalidateQueries({ queryKey: ['claims'] });
    queryClient.invalidateQueries({ queryKey: ['relief'] });
  };
  const record = useMutation({
    mutationFn: (rows: PayoutResultRow[]) => payoutsApi.results(id, rows),
    onSuccess: (b) => {
      message.success(t('payouts.recorded'));
      applied(b);
      setFailing(null);
    },
  });
  const reissue = useMutation({
    // A failed relief item is reissued as a relief (its reference is the application's id).
    mutationFn: (ids: string[]) => {
      const failed = (batch.data?.items ?? []).filter((i) => ids.includes(i.claimId));
      return payoutsApi.create(
        failed.filter((i) => i.subjectKind !== 'relief').map((i) => i.claimId),
        failed.filter((i) => i.subjectKind === 'relief').map((i) => i.claimId),
      );
    },
    onSuccess: (b) => {
      message.success(t('payouts.reissued'));
      queryClient.invalidateQueries({ queryKey: ['payout-batches'] });
      queryClient.invalidateQueries({ queryKey: ['payout-claims'] });
      navigate(`/payouts/${encodeURIComponent(b.id)}`, { state: { skipped: b.skipped ?? [] } });
    },
  });

  if (batch.isError || batch.isPending) {
    return (
      <>
        <PageHeader title={t('payouts.batchTitle')} crumbs={crumbs} />
        <Card>
          {batch.isError ? (
            <LoadError
              error={batch.error}
              notFound={t('payouts.notFound')}
              back={{ to: '/payouts', label: t('common.back') }}
            />
          ) : (
            <Skeleton active paragraph={{ rows: 6 }} />
          )}
        </Card>
      </>
    );
  }

  const b = batch.data;
  const pending = b.items.filter((i) => i.status === 'pending');
  const failedIds = b.items.filter((i) => i.status === 'failed').map((i) => i.claimId);
  const paid = (items: PayoutItemView[]) => record.mutate(items.map((i) => ({ claimId: i.claimId, status: 'paid' })));

  return (
    <>
      <PageHeader
        title={
          <Space>
            <span>{t('payouts.batchOf', { date: formatInstant(b.createdAt) })}</span>
            {b.status === 'open' ? <Tag color="processing">{t('payouts.open')}</Tag> : <Tag>{t('payouts.closed')}</Tag>}
          </Space>
        }
        crumbs={crumbs}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              href={payoutsApi.fileUrl(b.id, 'xlsx')}
              download
              data-testid="export-xlsx"
            >
              {t('payouts.exportXlsx')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={payoutsApi.fileUrl(b.id, 'csv')}
              download
              data-testid="export-csv"
            >
              {t('payouts.exportCsv')}
            </Button>
            {/* Kept mounted when nothing is left pending: the file that settles the batch still shows its rows. */}
            <PayoutResultsUpload batchId={b.id} disabled={pending.length === 0} onApplied={applied} />
            {pending.length > 0 && (
              <Popconfirm
                title={t('payouts.allPaidConfirm', { count: pending.length })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => paid(pending)}
              >
                <Button type="primary" icon={<CheckOutlined />} loading={record.isPending} data-testid="mark-all-paid">
                  {t('payouts.allPaid')}
                </Button>
              </Popconfirm>
            )}
            {failedIds.length > 0 && (
              <Button
                icon={<RedoOutlined />}
                loading={reissue.isPending}
                onClick={() => reissue.mutate(failedIds)}
                data-testid="reissue"
              >
                {t('payouts.reissue', { count: failedIds.length })}
              </Button>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <PayoutSkipped skipped={skipped} />
        <Row gutter={16}>
          {(
            [
              ['payouts.total', formatFen(b.totalFen)],
              ['payouts.items', b.itemCount],
              ['payouts.pending', b.pendingCount],
              ['payouts.paid', b.paidCount],
              ['payouts.failed', b.failedCount],
            ] as const
          ).map(([key, value]) => (
            <Col key={key} xs={12} md={4}>
              <Card>
                <Statistic title={t(key)} value={value} />
              </Card>
            </Col>
          ))}
        </Row>
        <Card title={t('payouts.itemsTitle')}>
          <Space className="filter-bar" wrap>
            <Segmented
              value={itemStatus ?? 'all'}
              onChange={(v) => update({ status: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('common.all') },
                ...(['pending', 'paid', 'failed'] as const).map((s) => ({ value: s, label: t(`payouts.item.${s}`) })),
              ]}
            />
            <Input.Search
              key={itemQuery.q ?? ''}
              allowClear
              defaultValue={itemQuery.q}
              placeholder={t('payouts.itemSearchPlaceholder')}
              onSearch={(v) => update({ q: v.trim() })}
              style={{ width: 260 }}
            />
          </Space>
          <Table<PayoutItemView>
            rowKey="id"
            data-testid="payout-items"
            loading={items.isFetching}
            dataSource={items.data?.items}
            scroll={{ x: 900 }}
            pagination={{
              current: page,
              pageSize,
              total: items.data?.total ?? 0,
              hideOnSinglePage: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
            }}
            columns={[
              {
                title: t('payouts.payee'),
                key: 'payee',
                // A relief item (救助慰问) links to its application; its reference is the application's id.
                render: (_, i) => (
                  <Link to={`/${i.subjectKind === 'relief' ? 'relief' : 'claims'}/${encodeURIComponent(i.claimId)}`}>
                    {i.payeeName}
                    {i.subjectKind === 'relief' ? '（救助慰问）' : ''}
                  </Link>
                ),
              },
              { title: t('payouts.bank'), dataIndex: 'bankName' },
              { title: t('payouts.account'), dataIndex: 'accountMasked' },
              { title: t('payouts.amount'), key: 'amount', align: 'right', render: (_, i) => formatFen(i.amountFen) },
              {
                title: t('payouts.itemStatus'),
                key: 'status',
                render: (_, i) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={itemColor[i.status]} data-testid="item-status">
                      {t(`payouts.item.${i.status}`)}
                    </Tag>
                    {i.reason && <span>{i.reason}</span>}
                  </Space>
                ),
              },
              { title: t('payouts.resolvedAt'), key: 'resolved', render: (_, i) => formatInstant(i.resolvedAt) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, i) =>
                  i.status === 'pending' && (
                    <Space>
                      <Button size="small" onClick={() => paid([i])} data-testid="item-paid">
                        {t('payouts.markPaid')}
                      </Button>
                      <Button size="small" danger icon={<CloseOutlined />} onClick={() => setFailing(i)}>
                        {t('payouts.markFailed')}
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      </Space>
      <Modal
        title={t('payouts.failTitle', { name: failing?.payeeName ?? '' })}
        open={!!failing}
        okText={t('payouts.markFailed')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={record.isPending}
        onOk={() => form.submit()}
        onCancel={() => setFailing(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            failing && record.mutate([{ claimId: failing.claimId, status: 'failed', reason: v.reason.trim() }])
          }
        >
          <Form.Item
            name="reason"
            label={t('payouts.failReason')}
            rules={[{ required: true, min: 2, message: t('claimDetail.reasonRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
