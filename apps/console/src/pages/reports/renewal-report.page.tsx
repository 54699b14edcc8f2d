import { expiringColumns, formatCell, type RenewalRow, renewalColumns } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { orgApi, orgKeys } from '../../api/org.api.ts';
import { type PeriodFilters, reportKeys, reportsApi } from '../../api/reports.api.ts';
import { categoryChart } from '../../components/charts/chart-options.ts';
import { EChart } from '../../components/charts/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ReportFigures } from './report-figures.tsx';
import { AgencyFilter, ExportButton, PeriodFilter, ReportFilterBar } from './report-filters.tsx';
import { ReportTable } from './report-table.tsx';
import { percentOf } from './structure-labels.ts';

const kinds = ['employee', 'gig'] as const;
const rowKey = (r: RenewalRow) => `${r.productCode ?? '*'}|${r.employmentKind ?? '*'}`;

/** 续保分析: renewal rates by product and employment kind (gig workers apart), and the policies about to end. */
export function RenewalReportPage() {
  const { t, labels, locale } = useI18n();
  const { get, update } = useSearchState();
  const filters: PeriodFilters = { from: get('from'), to: get('to'), agencyId: get('agencyId') };
  const report = useQuery({
    queryKey: reportKeys.renewal(filters),
    queryFn: () => reportsApi.renewal(filters),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const total = data?.total;
  // The gig workers' own policies (category gig); older servers answered only the employment-kind row.
  const gig = data?.gig ?? data?.byEmploymentKind.find((r) => r.employmentKind === 'gig');
  const chart = useMemo(() => {
    const products = (data?.byProduct ?? []).map((r) => r.productCode ?? '');
    const rate = (product: string, kind: string) =>
      percentOf(
        data?.byProductAndKind.find((r) => r.productCode === product && r.employmentKind === kind)?.rate ?? null,
      );
    return categoryChart({
      locale,
      categories: (data?.byProduct ?? []).map((r) => r.productName ?? r.productCode ?? ''),
      left: 'percent',
      series: [
        { name: t('renewal.allKinds'), values: (data?.byProduct ?? []).map((r) => percentOf(r.rate)) },
        ...kinds.map((kind) => ({
          name: labels.employmentKind(kind),
          values: products.map((p) => rate(p, kind)),
        })),
      ],
    });
  }, [data, t, labels, locale]);

  if (report.isError && !data)
    return (
      <LoadError
        error={report.error}
        notFound={t('reports.notFound')}
        back={{ to: '/reports/renewal', label: t('reports.backToReport') }}
      />
    );

  return (
    <>
      <PageHeader
        title={t('menu.renewalReport')}
        subtitle={t('renewal.subtitle')}
        crumbs={[{ title: t('menu.reportsGroup') }, { title: t('menu.renewalReport') }]}
        extra={<ExportButton href={reportsApi.xlsxUrl('/reports/renewal', { ...filters })} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ReportFilterBar>
          <Typography.Text>{t('renewal.endingPeriod')}</Typography.Text>
          <PeriodFilter from={filters.from} to={filters.to} onChange={(from, to) => update({ from, to })} />
          <AgencyFilter value={filters.agencyId} onChange={(agencyId) => update({ agencyId })} />
          {data && (
            <Typography.Text type="secondary">
              {t('reports.periodOf', { from: data.from, to: data.to })}
            </Typography.Text>
          )}
        </ReportFilterBar>
        <ReportFigures
          loading={report.isPending}
          items={[
            { label: t('renewal.ending'), value: total && formatCell('int', total.ending) },
            { label: t('renewal.renewed'), value: total && formatCell('int', total.renewed) },
            { label: t('renewal.rate'), value: total && formatCell('ratio', total.rate) },
            { label: t('renewal.gigRate'), value: data && formatCell('ratio', gig?.rate ?? null) },
          ]}
        />
        <Card size="small" title={t('renewal.chart')}>
          <EChart option={chart} height={320} testId="renewal-chart" />
        </Card>
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'product',
                label: t('renewal.byProductTab'),
                children: (
                  <ReportTable
                    testId="renewal-table"
                    columns={renewalColumns}
                    rows={data?.byProduct ?? []}
                    total={total}
                    rowKey={rowKey}
                    loading={report.isFetching}
                  />
                ),
              },
              {
                key: 'kind',
                label: t('renewal.byKindTab'),
                children: (
                  <ReportTable
                    columns={renewalColumns}
                    rows={data?.byEmploymentKind ?? []}
                    total={total}
                    rowKey={rowKey}
                    loading={report.isFetching}
                  />
                ),
              },
              {
                key: 'cross',
                label: t('renewal.crossTab'),
                children: (
                  <ReportTable
                    columns={renewalColumns}
                    rows={data?.byProductAndKind ?? []}
                    rowKey={rowKey}
                    loading={report.isFetching}
                  />
                ),
              },
            ]}
          />
        </Card>
        <ExpiringCard agencyId={filters.agencyId} />
      </Space>
    </>
  );
}

/** The policies ending in the next days, page by page; the export lists them all. */
function ExpiringCard({ agencyId }: { agencyId?: string }) {
  const { t } = useI18n();
  const { get, update, page, pageSize } = useSearchState();
  const days = Number(get('days')) || 30;
  const filters = { days, agencyId, page, pageSize };
  const expiring = useQuery({
    queryKey: reportKeys.expiring(filters),
    queryFn: () => reportsApi.expiring(filters),
    placeholderData: keepPreviousData,
  });
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies });
  const names = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);
  return (
    <Card
      size="small"
      title={t('renewal.expiringTitle', { days })}
      extra={
        <Space>
          <Segmented
            value={days}
            onChange={(v) => update({ days: v === 30 ? undefined : v })}
            options={[30, 60, 90].map((d) => ({ value: d, label: t('renewal.days', { days: d }) }))}
          />
          <ExportButton href={reportsApi.xlsxUrl('/reports/renewal/expiring', { days, agencyId })} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('renewal.expiringHint')}</Typography.Paragraph>
      <ReportTable
        testId="expiring-table"
        columns={expiringColumns}
        rows={(expiring.data?.items ?? []).map((p) => ({ ...p, agencyName: names.get(p.agencyId) ?? '' }))}
        rowKey={(r) => r.policyId}
        loading={expiring.isFetching}
        pagination={{
          current: page,
          pageSize,
          total: expiring.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
        }}
      />
    </Card>
  );
}
