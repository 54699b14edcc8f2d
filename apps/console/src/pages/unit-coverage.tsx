import { SyncOutlined } from '@ant-design/icons';
import { formatFen } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Progress, Row, Skeleton, Space, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type CoveragePolicy, type CoverageView, enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { productApi, productKeys } from '../api/product.api.ts';
import { useCan } from '../auth/session.tsx';
import { StackedBarChart } from '../components/bar-chart.tsx';
import { formatBp } from '../components/format.ts';
import { ContinuousTag, PolicyStatusTag } from '../components/status-tags.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RenewalModal } from './renewal.modal.tsx';

type ProductRow = CoverageView['products'][number];

/** 参保情况: the unit's cover today per product (members, shares, fees, participation) and the policies in force. */
export function UnitCoverage({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const { update, page, pageSize } = useSearchState();
  const [renewing, setRenewing] = useState(false);
  const coverage = useQuery({
    queryKey: enrolmentKeys.coverage(unitId, page, pageSize),
    queryFn: () => enrolmentApi.coverage(unitId, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const products = useQuery({ queryKey: productKeys.list, queryFn: productApi.list });
  const minimum = useMemo(
    () => new Map((products.data ?? []).map((p) => [p.code, p.minParticipationBp])),
    [products.data],
  );
  const c = coverage.data;
  const chart = useMemo(
    () =>
      c && {
        categories: c.products.map((p) => p.productName),
        series: [{ name: t('coverage.members'), values: c.products.map((p) => p.members), color: '#1f6fd1' }],
      },
    [c, t],
  );

  if (!c) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('coverage.title', { date: c.asOf })}
        extra={
          can('batch.create') && (
            <Button icon={<SyncOutlined />} onClick={() => setRenewing(true)} data-testid="renew">
              {t('coverage.renew')}
            </Button>
          )
        }
      >
        {c.products.length === 0 ? (
          <Empty description={t('coverage.none')} />
        ) : (
          <Row gutter={[24, 16]}>
            <Col xs={24} xl={14}>
              <Table<ProductRow>
                rowKey="productCode"
                size="small"
                pagination={false}
                dataSource={c.products}
                data-testid="coverage-products"
                columns={[
                  { title: t('batch.product'), dataIndex: 'productName' },
                  { title: t('coverage.members'), dataIndex: 'members', width: 90, align: 'right' },
                  { title: t('members.shares'), dataIndex: 'shares', width: 70, align: 'right' },
                  {
                    title: t('coverage.fee'),
                    dataIndex: 'feeFen',
                    width: 120,
                    align: 'right',
                    render: (f: number) => formatFen(f),
                  },
                  {
                    title: t('coverage.participation'),
                    dataIndex: 'participationBp',
                    width: 170,
                    render: (bp: number | null, p) => {
                      if (bp === null) return t('common.none');
                      const min = minimum.get(p.productCode) ?? null;
                      const below = min !== null && bp < min;
                      const bar = (
                        <Progress
                          percent={Math.min(100, bp / 100)}
                          size="small"
                          status={below ? 'exception' : 'normal'}
                          format={() => formatBp(bp)}
                        />
                      );
                      return below ? (
                        <Tooltip title={t('coverage.belowMinimum', { min: formatBp(min) })}>{bar}</Tooltip>
                      ) : (
                        bar
                      );
                    },
                  },
                ]}
              />
            </Col>
            <Col xs={24} xl={10}>
              <Typography.Text type="secondary">{t('coverage.chart')}</Typography.Text>
              {chart && (
                <StackedBarChart
                  categories={chart.categories}
                  series={chart.series}
                  height={Math.max(160, 48 * c.products.length + 60)}
                />
              )}
            </Col>
          </Row>
        )}
      </Card>
      {c.policies.total > 0 && (
        <Card title={t('coverage.policies')}>
          <CoveredPoliciesTable
            data={c.policies}
            loading={coverage.isFetching}
            onPage={(p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true)}
          />
        </Card>
      )}
      <RenewalModal
        unitId={unitId}
        open={renewing}
        suggested={c.products[0]?.productCode}
        onClose={() => setRenewing(false)}
      />
    </Space>
  );
}

function CoveredPoliciesTable(props: {
  data: CoverageView['policies'];
  loading: boolean;
  onPage(page: number, pageSize: number): void;
}) {
  const { t } = useI18n();
  const can = useCan();
  return (
    <Table<CoveragePolicy>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.data.items}
      scroll={{ x: 1100 }}
      pagination={{
        current: props.data.page,
        pageSize: props.data.pageSize,
        total: props.data.total,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: props.onPage,
      }}
      columns={[
        {
          title: t('members.name'),
          dataIndex: 'memberName',
          width: 110,
          render: (name: string, p) =>
            can('member.read') ? <Link to={`/members/${encodeURIComponent(p.memberId)}`}>{name}</Link> : name,
        },
        {
          title: t('members.idNumber'),
          dataIndex: 'idNumberMasked',
          width: 190,
          render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
        },
        { title: t('batch.product'), dataIndex: 'productName' },
        { title: t('members.shares'), dataIndex: 'shares', width: 60, align: 'right' },
        {
          title: t('policy.period'),
          key: 'period',
          width: 210,
          render: (_: unknown, p) => `${p.startDate} – ${p.endDate}`,
        },
        {
          title: t('policy.waitingEnd'),
          dataIndex: 'waitingEndDate',
          width: 120,
          render: (d: string | null) => d ?? t('policy.noWaiting'),
        },
        {
          title: t('members.policyStatus'),
          key: 'status',
          width: 150,
          render: (_: unknown, p) => (
            <Space size={2}>
              <PolicyStatusTag status={p.status} />
              {p.continuous && <ContinuousTag />}
            </Space>
          ),
        },
        {
          title: t('common.actions'),
          key: 'certificate',
          width: 120,
          render: (_: unknown, p) => (
            <Link to={`/certificates/${encodeURIComponent(p.id)}`}>{t('policy.certificate')}</Link>
          ),
        },
      ]}
    />
  );
}
