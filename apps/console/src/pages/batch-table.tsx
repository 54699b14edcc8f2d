import { type Batch, formatFen } from '@huzhu/core';
import { Table, type TableColumnsType, type TableProps, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Page } from '../api/page.ts';
import { formatInstant } from '../components/format.ts';
import { BatchStatusTag } from '../components/status-tags.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** Enrolment batches as every list shows them (batch list, review and payment queues, a unit's tab); a row opens it. */
export function BatchTable(props: {
  data?: Page<Batch>;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage(page: number, pageSize: number): void;
  showUnit?: boolean;
  showStatus?: boolean;
  actions?: TableColumnsType<Batch>[number];
  emptyText?: string;
  /** Checkboxes (the payment queue: several batches of one unit paid by one transfer). */
  rowSelection?: TableProps<Batch>['rowSelection'];
}) {
  const { t, labels } = useI18n();
  const navigate = useNavigate();
  const columns: TableColumnsType<Batch> = [
    {
      title: t('batch.createdAt'),
      dataIndex: 'createdAt',
      width: 140,
      render: (v: string) => formatInstant(v),
    },
    ...(props.showUnit === false
      ? []
      : [
          {
            title: t('batch.unit'),
            dataIndex: 'unitName',
            render: (name: string | undefined, b: Batch) => <Typography.Link>{name ?? b.unitId}</Typography.Link>,
          },
        ]),
    {
      title: t('batch.product'),
      dataIndex: 'productName',
      width: 220,
      render: (name: string | undefined, b) => (
        <>
          {name ?? b.productCode}
          {b.kind === 'renewal' && (
            <Tag color="cyan" style={{ marginLeft: 6 }}>
              {labels.batchKind(b.kind)}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('batch.requestedStart'), dataIndex: 'requestedStart', width: 110 },
    {
      title: t('batch.people'),
      dataIndex: 'acceptedRows',
      width: 100,
      align: 'right',
      render: (n: number, b) => (
        <>
          {n}
          {b.rejectedRows > 0 && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              {t('batch.rejectedShort', { n: b.rejectedRows })}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('batch.totalFee'),
      dataIndex: 'totalFeeFen',
      width: 120,
      align: 'right',
      render: (fen: number, b) => (
        <>
          {formatFen(fen)}
          {b.heldPaymentId && (
            <Tag color="orange" style={{ display: 'block', margin: '2px 0 0', textAlign: 'center' }}>
              {t('payments.heldTag')}
            </Tag>
          )}
        </>
      ),
    },
    // A queue holds one status only, so it leaves the column out.
    ...(props.showStatus === false
      ? []
      : [
          {
            title: t('batch.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: Batch['status']) => <BatchStatusTag status={s} />,
          },
        ]),
    ...(props.actions ? [props.actions] : []),
  ];
  return (
    <Table<Batch>
      className="clickable-rows"
      rowKey="id"
      rowSelection={props.rowSelection}
      size="middle"
      loading={props.loading}
      dataSource={props.data?.items}
      scroll={{ x: 960 }}
      onRow={(b) => ({ onClick: () => navigate(`/batches/${encodeURIComponent(b.id)}`) })}
      locale={props.emptyText ? { emptyText: props.emptyText } : undefined}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: props.onPage,
      }}
      columns={columns}
    />
  );
}
