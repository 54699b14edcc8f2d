import {
  claimsOpsColumns,
  complaintOpsColumns,
  formatCell,
  type PaidByProduct,
  paidByProductColumns,
  rejectionColumns,
} from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Space, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { type PeriodFilters, reportKeys, reportsApi } from '../../api/reports.api.ts';
import { categoryChart, pieChart } from '../../components/charts/chart-options.ts';
import { EChart } from '../../components/charts/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ReportFigures } from './report-figures.tsx';
import { AgencyFilter, ExportButton, PeriodFilter, ReportFilterBar } from './report-filters.tsx';
import { ReportTable } from './report-table.tsx';
import { percentOf } from './structure-labels.ts';

/** 理赔运营分析: claims received and decided, the 5-working-day promise, backlog, refusals and payouts by product. */
export function ClaimsOpsReportPage() {
  const { t, locale } = useI18n();
  const { get, update } = useSearchState();
  const filters: PeriodFilters = { from: get('from'), to: get('to'), agencyId: get('agencyId') };
  const report = useQuery({
    queryKey: reportKeys.claimsOps(filters),
    queryFn: () => reportsApi.claimsOps(filters),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const total = data?.total;
  const slaChart = useMemo(() => {
    const rows = data?.rows ?? [];
    return categoryChart({
      locale,
      categories: rows.map((r) => r.agencyName),
      right: 'percent',
      window: 24,
      series: [
        { name: t('claimsOps.decided'), values: rows.map((r) => r.decided) },
        { name: t('claimsOps.backlog'), values: rows.map((r) => r.backlog) },
        {
          name: t('claimsOps.within5Share'),
          type: 'line',
          rightAxis: true,
          values: rows.map((r) => percentOf(r.within5Share)),
        },
      ],
    });
  }, [data, t, locale]);
  const reasons = useMemo(
    () => pieChart({ items: (data?.rejections ?? []).map((r) => ({ name: r.label, value: r.claims })) }),
    [data],
  );
  // The workbook's last line of the payouts sheet, word for word (claimsOpsSheets): a claim on two products once.
  const paidTotal: PaidByProduct | undefined = data && {
    productCode: '',
    productName: '合计（每件申领计一次）',
    ...data.paidTotal,
  };

  if (report.isError && !data)
    return (
      <LoadError
        error={report.error}
        notFound={t('reports.notFound')}
        back={{ to: '/reports/claims-operations', label: t('reports.backToReport') }}
      />
    );

  return (
    <>
      <PageHeader
        title={t('menu.claimsOpsReport')}
        subtitle={t('claimsOps.subtitle')}
        crumbs={[{ title: t('menu.reportsGroup') }, { title: t('menu.claimsOpsReport') }]}
        extra={<ExportButton href={reportsApi.xlsxUrl('/reports/claims-operations', { ...filters })} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ReportFilterBar>
          <PeriodFilter from={filters.from} to={filters.to} onChange={(from, to) => update({ from, to })} />
          <AgencyFilter
            value={filters.agencyId}
            onChange={(agencyId) => update({ agencyId })}
            fixedName={data?.agencyId ? data.rows[0]?.agencyName : undefined}
          />
          {data && (
            <Typography.Text type="secondary">
              {t('reports.periodOf', { from: data.from, to: data.to })} · {t('claimsOps.openOn', { date: data.today })}
            </Typography.Text>
          )}
        </ReportFilterBar>
        <ReportFigures
          loading={report.isPending}
          items={[
            { label: t('claimsOps.received'), value: total && formatCell('int', total.received) },
            { label: t('claimsOps.decided'), value: total && formatCell('int', total.decided) },
            { label: t('claimsOps.within5Share'), value: total && formatCell('ratio', total.within5Share) },
            { label: t('claimsOps.median'), value: total && formatCell('int', total.medianWorkingDays) },
            { label: t('claimsOps.backlog'), value: total && formatCell('int', total.backlog) },
            { label: t('claimsOps.overdue'), value: total && formatCell('int', total.overdue) },
          ]}
        />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Card size="small" title={t('claimsOps.byAgencyChart')}>
              <EChart option={slaChart} height={340} testId="claims-ops-chart" />
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <Card size="small" title={t('claimsOps.reasonsChart')} style={{ height: '100%' }}>
              {data && data.rejections.length === 0 ? (
                <Empty description={t('claimsOps.noRejections')} />
              ) : (
                <EChart option={reasons} height={340} testId="claims-reasons-chart" />
              )}
            </Card>
          </Col>
        </Row>
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'agencies',
                label: t('claimsOps.byAgencyTab'),
                children: (
                  <ReportTable
                    testId="claims-ops-table"
                    columns={claimsOpsColumns}
                    rows={data?.rows ?? []}
                    total={total}
                    rowKey={(r) => r.agencyId}
                    loading={report.isFetching}
                  />
                ),
              },
              {
                key: 'reasons',
                label: t('claimsOps.reasonsTab'),
                children: (
                  <ReportTable
                    testId="claims-reasons-table"
                    columns={rejectionColumns}
                    rows={data?.rejections ?? []}
                    rowKey={(r) => r.code}
                    loading={report.isFetching}
                  />
                ),
              },
              {
                key: 'products',
                label: t('claimsOps.paidTab'),
                children: (
                  <ReportTable
                    testId="claims-paid-table"
                    columns={paidByProductColumns}
                    rows={data?.paidByProduct ?? []}
                    total={paidTotal}
                    rowKey={(r) => r.productCode}
                    loading={report.isFetching}
                  />
                ),
              },
              {
                key: 'complaints',
                label: t('claimsOps.complaintsTab'),
                children: (
                  <ReportTable
                    testId="claims-complaints-table"
                    columns={complaintOpsColumns}
                    rows={data?.complaints?.rows ?? []}
                    total={data?.complaints?.total}
                    rowKey={(r) => r.agencyId || 'office'}
                    loading={report.isFetching}
                  />
                ),
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
