import { formatCell, fundHealthColumns, fundHealthLines } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { type FundFilters, reportKeys, reportsApi } from '../../api/reports.api.ts';
import { categoryChart } from '../../components/charts/chart-options.ts';
import { EChart } from '../../components/charts/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ReportFigures } from './report-figures.tsx';
import { AgencyFilter, ExportButton, ReportFilterBar } from './report-filters.tsx';
import { ReportTable } from './report-table.tsx';
import { percentOf } from './structure-labels.ts';

const yuan = (fen: number) => Number((fen / 100).toFixed(2));
const thisYear = dayjs().year();
const yearOptions = Array.from({ length: 12 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }));

/** 基金运行分析: contributions against benefits paid per year and product, and the loss ratio. */
export function FundHealthReportPage() {
  const { t, locale } = useI18n();
  const { get, update } = useSearchState();
  const num = (key: string) => (get(key) ? Number(get(key)) : undefined);
  const filters: FundFilters = { fromYear: num('fromYear'), toYear: num('toYear'), agencyId: get('agencyId') };
  const product = get('product');
  const report = useQuery({
    queryKey: reportKeys.fund(filters),
    queryFn: () => reportsApi.fund(filters),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const products = useMemo(
    () => [...new Map((data?.rows ?? []).map((r) => [r.productCode ?? '', r.productName])).entries()],
    [data],
  );
  // The chart compares one product across the years, or the whole fund (each year's total row).
  const series = useMemo(
    () => (product ? (data?.rows ?? []).filter((r) => r.productCode === product) : (data?.totals ?? [])),
    [data, product],
  );
  const chart = useMemo(() => {
    const years = (data?.totals ?? []).map((r) => r.year);
    const of = (year: number) => series.find((r) => r.year === year);
    return categoryChart({
      locale,
      categories: years.map(String),
      left: 'yuan',
      right: 'percent',
      series: [
        { name: t('fund.contributions'), values: years.map((y) => yuan(of(y)?.contributionsFen ?? 0)) },
        { name: t('fund.benefits'), values: years.map((y) => yuan(of(y)?.benefitsPaidFen ?? 0)) },
        // Relief is not per product: shown beside the whole fund only, outside the loss ratio.
        ...(product ? [] : [{ name: t('fund.relief'), values: years.map((y) => yuan(of(y)?.reliefPaidFen ?? 0)) }]),
        {
          name: t('fund.lossRatio'),
          type: 'line',
          rightAxis: true,
          values: years.map((y) => percentOf(of(y)?.lossRatio ?? null)),
        },
      ],
    });
  }, [data, series, t, locale, product]);
  const sum = (pick: (r: { contributionsFen: number; benefitsPaidFen: number }) => number) =>
    (data?.totals ?? []).reduce((n, r) => n + pick(r), 0);
  const contributions = sum((r) => r.contributionsFen);
  const benefits = sum((r) => r.benefitsPaidFen);
  const relief = (data?.totals ?? []).reduce((n, r) => n + (r.reliefPaidFen ?? 0), 0);

  if (report.isError && !data)
    return (
      <LoadError
        error={report.error}
        notFound={t('reports.notFound')}
        back={{ to: '/reports/fund-health', label: t('reports.backToReport') }}
      />
    );

  return (
    <>
      <PageHeader
        title={t('menu.fundReport')}
        subtitle={t('fund.subtitle')}
        crumbs={[{ title: t('menu.reportsGroup') }, { title: t('menu.fundReport') }]}
        extra={<ExportButton href={reportsApi.xlsxUrl('/reports/fund-health', { ...filters })} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ReportFilterBar>
          <Typography.Text>{t('fund.years')}</Typography.Text>
          <Select
            data-testid="fund-from-year"
            style={{ width: 110 }}
            allowClear
            value={filters.fromYear ?? data?.fromYear}
            options={yearOptions}
            onChange={(v?: number) => update({ fromYear: v })}
          />
          <span>—</span>
          <Select
            data-testid="fund-to-year"
            style={{ width: 110 }}
            allowClear
            value={filters.toYear ?? data?.toYear}
            options={yearOptions}
            onChange={(v?: number) => update({ toYear: v })}
          />
          <AgencyFilter value={filters.agencyId} onChange={(agencyId) => update({ agencyId })} />
        </ReportFilterBar>
        <ReportFigures
          loading={report.isPending}
          items={[
            { label: t('fund.contributions'), value: data && formatCell('fen', contributions) },
            { label: t('fund.benefits'), value: data && formatCell('fen', benefits) },
            {
              label: t('fund.lossRatio'),
              value: data && formatCell('ratio', contributions === 0 ? null : benefits / contributions),
            },
            { label: t('fund.relief'), value: data && formatCell('fen', relief) },
          ]}
        />
        <Card
          size="small"
          title={t('fund.chart')}
          extra={
            <Select
              data-testid="fund-product"
              style={{ width: 220 }}
              value={product ?? ''}
              onChange={(v: string) => update({ product: v || undefined })}
              options={[
                { value: '', label: t('fund.allProducts') },
                ...products.map(([code, name]) => ({ value: code, label: `${name}（${code}）` })),
              ]}
            />
          }
        >
          <EChart option={chart} height={340} testId="fund-chart" />
        </Card>
        <Card size="small">
          <ReportTable
            testId="fund-table"
            columns={fundHealthColumns}
            rows={data ? fundHealthLines(data) : []}
            rowKey={(r) => `${r.year}|${r.productCode ?? '*'}`}
            isSubtotal={(r) => r.productCode === null}
            loading={report.isFetching}
          />
        </Card>
      </Space>
    </>
  );
}
