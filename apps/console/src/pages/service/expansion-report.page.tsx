import { expansionColumns, formatCell } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Typography } from 'antd';
import { reportsApi } from '../../api/reports.api.ts';
import { expansionApi, expansionKeys } from '../../api/service.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ReportFigures } from '../reports/report-figures.tsx';
import { AgencyFilter, ExportButton, PeriodFilter, ReportFilterBar } from '../reports/report-filters.tsx';
import { ReportTable } from '../reports/report-table.tsx';

/** 精准扩面统计: the targets of a period per agency and how many enrolled or upgraded (by coverage), with xlsx. */
export function ExpansionReportPage() {
  const { t } = useI18n();
  const { get, update } = useSearchState();
  const filters = { from: get('from'), to: get('to'), agencyId: get('agencyId') };
  const report = useQuery({
    queryKey: expansionKeys.report(filters),
    queryFn: () => expansionApi.report(filters),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  if (report.isError && !data)
    return (
      <LoadError
        error={report.error}
        notFound={t('reports.notFound')}
        back={{ to: '/reports/expansion', label: t('reports.backToReport') }}
      />
    );
  const total = data?.total;
  return (
    <>
      <PageHeader
        title={t('menu.expansionReport')}
        subtitle={t('expansion.reportSubtitle')}
        extra={<ExportButton href={reportsApi.xlsxUrl('/reports/expansion', { ...filters })} />}
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
              {t('reports.periodOf', { from: data.from, to: data.to })}
            </Typography.Text>
          )}
        </ReportFilterBar>
        <ReportFigures
          loading={report.isPending}
          items={[
            { label: t('expansion.kpiTargeted'), value: total && formatCell('int', total.targeted) },
            { label: t('expansion.kpiContacts'), value: total && formatCell('int', total.contacts) },
            { label: t('expansion.kpiEnrolled'), value: total && formatCell('int', total.enrolled) },
            { label: t('expansion.kpiUpgraded'), value: total && formatCell('int', total.upgraded) },
            { label: t('expansion.kpiConversion'), value: total && formatCell('ratio', total.conversionShare) },
          ]}
        />
        <Card size="small">
          <ReportTable
            testId="expansion-table"
            columns={expansionColumns}
            rows={data?.rows ?? []}
            total={total}
            rowKey={(r) => r.agencyId}
            loading={report.isFetching}
          />
        </Card>
      </Space>
    </>
  );
}
