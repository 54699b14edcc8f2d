import {
  formatCell,
  notEnrolledColumns,
  structureColumns,
  structureProductColumns,
  structureProductLines,
} from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { reportKeys, reportsApi, type StructureFilters } from '../../api/reports.api.ts';
import { categoryChart } from '../../components/charts/chart-options.ts';
import { EChart } from '../../components/charts/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AgencyFilter, AsOfFilter, ExportButton, ReportFilterBar } from './report-filters.tsx';
import { ReportFigures } from './report-figures.tsx';
import { ReportTable } from './report-table.tsx';
import { percentOf, structureRowLabel } from './structure-labels.ts';

/** 入会结构分析表: coverage by agency (office-wide) or by unit category (one agency), by product, and who is missing. */
export function StructureReportPage() {
  const { t, locale } = useI18n();
  const { get, update } = useSearchState();
  const filters: StructureFilters = { asOf: get('asOf'), agencyId: get('agencyId') };
  const report = useQuery({
    queryKey: reportKeys.structure(filters),
    queryFn: () => reportsApi.structure(filters),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const agencyNames = useMemo(() => new Map((data?.rows ?? []).map((r) => [r.agencyId, r.agencyName])), [data]);
  const chart = useMemo(
    () =>
      categoryChart({
        locale,
        categories: (data?.rows ?? []).map((r) => structureRowLabel(r, locale)),
        left: 'percent',
        window: 24,
        series: [
          { name: t('reports.unitCoverage'), values: (data?.rows ?? []).map((r) => percentOf(r.unitCoverage)) },
          { name: t('reports.memberCoverage'), values: (data?.rows ?? []).map((r) => percentOf(r.memberCoverage)) },
        ],
      }),
    [data, t, locale],
  );
  const total = data?.total;
  const fixedName = data?.agencyId ? data.rows[0]?.agencyName : undefined;

  if (report.isError && !data)
    return (
      <LoadError
        error={report.error}
        notFound={t('reports.notFound')}
        back={{ to: '/reports/enrolment-structure', label: t('reports.backToReport') }}
      />
    );

  return (
    <>
      <PageHeader
        title={t('menu.structureReport')}
        subtitle={t('reports.structureSubtitle')}
        crumbs={[{ title: t('menu.reportsGroup') }, { title: t('menu.structureReport') }]}
        extra={<ExportButton href={reportsApi.xlsxUrl('/reports/enrolment-structure', { ...filters })} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ReportFilterBar>
          <AsOfFilter value={filters.asOf} onChange={(asOf) => update({ asOf })} />
          <AgencyFilter value={filters.agencyId} onChange={(agencyId) => update({ agencyId })} fixedName={fixedName} />
          {data && <Typography.Text type="secondary">{t('reports.figuresOn', { date: data.asOf })}</Typography.Text>}
        </ReportFilterBar>
        <ReportFigures
          loading={report.isPending}
          items={[
            { label: t('reports.knownUnits'), value: total && formatCell('int', total.knownUnits) },
            { label: t('reports.enrolledUnits'), value: total && formatCell('int', total.enrolledUnits) },
            { label: t('reports.unitCoverage'), value: total && formatCell('ratio', total.unitCoverage) },
            { label: t('reports.members'), value: total && formatCell('int', total.members) },
            { label: t('reports.memberCoverage'), value: total && formatCell('ratio', total.memberCoverage) },
            { label: t('reports.contributionsYuan'), value: total && formatCell('fen', total.contributionsFen) },
          ]}
        />
        <Card title={t('reports.coverageChart')} size="small">
          <EChart option={chart} height={340} testId="structure-chart" />
        </Card>
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'table',
                label: t('reports.structureTab'),
                children: (
                  <ReportTable
                    testId="structure-table"
                    columns={structureColumns}
                    rows={data?.rows ?? []}
                    total={total}
                    rowKey={(r) => `${r.agencyId}|${r.category ?? ''}`}
                    loading={report.isFetching}
                  />
                ),
              },
              {
                key: 'products',
                label: t('reports.byProductTab'),
                children: (
                  <ReportTable
                    testId="structure-products"
                    columns={structureProductColumns}
                    rows={data ? structureProductLines(data) : []}
                    rowKey={(r, i) => `${i}|${r.productCode}`}
                    loading={report.isFetching}
                  />
                ),
              },
              {
                key: 'not-enrolled',
                label: t('reports.notEnrolledTab', { count: data?.notEnrolledTotal ?? 0 }),
                children: (
                  <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                    <Typography.Text type="secondary">
                      {t('reports.notEnrolledHint', {
                        shown: data?.notEnrolled.length ?? 0,
                        total: data?.notEnrolledTotal ?? 0,
                      })}
                    </Typography.Text>
                    <ReportTable
                      testId="structure-not-enrolled"
                      columns={notEnrolledColumns}
                      rows={(data?.notEnrolled ?? []).map((u, i) => ({
                        ...u,
                        rank: i + 1,
                        agencyName: agencyNames.get(u.agencyId) ?? '',
                      }))}
                      rowKey={(r) => r.unitId}
                      loading={report.isFetching}
                      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                    />
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
