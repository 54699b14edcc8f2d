import { formatCell, outreachColumns, outreachMonthColumns } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { reportsApi } from '../../api/reports.api.ts';
import { outreachApi, outreachKeys } from '../../api/service.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ReportFigures } from '../reports/report-figures.tsx';
import { AgencyFilter, ExportButton, ReportFilterBar } from '../reports/report-filters.tsx';
import { ReportTable } from '../reports/report-table.tsx';

/** 培训与宣讲统计: a year's trainings and outreach events per agency and month, with the same table in xlsx. */
export function OutreachReportPage() {
  const { t } = useI18n();
  const { get, update } = useSearchState();
  const filters = { year: Number(get('year')) || dayjs().year(), agencyId: get('agencyId') };
  const report = useQuery({
    queryKey: outreachKeys.report(filters),
    queryFn: () => outreachApi.report(filters),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  if (report.isError && !data)
    return (
      <LoadError
        error={report.error}
        notFound={t('reports.notFound')}
        back={{ to: '/reports/outreach', label: t('reports.backToReport') }}
      />
    );
  return (
    <>
      <PageHeader
        title={t('menu.outreachReport')}
        subtitle={t('outreach.reportSubtitle')}
        extra={<ExportButton href={reportsApi.xlsxUrl('/reports/outreach', { ...filters })} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ReportFilterBar>
          <Select
            style={{ width: 120 }}
            value={filters.year}
            onChange={(year: number) => update({ year })}
            options={Array.from({ length: 6 }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: `${y}` }))}
            data-testid="outreach-year"
          />
          <AgencyFilter
            value={filters.agencyId}
            onChange={(agencyId) => update({ agencyId })}
            fixedName={data?.agencyId ? data.rows[0]?.agencyName : undefined}
          />
          {data && <Typography.Text type="secondary">{t('outreach.yearOf', { year: data.year })}</Typography.Text>}
        </ReportFilterBar>
        <ReportFigures
          loading={report.isPending}
          items={[
            { label: t('outreach.sessions'), value: data && formatCell('int', data.trainings.sessions) },
            { label: t('outreach.personTimes'), value: data && formatCell('int', data.trainings.personTimes) },
            { label: t('outreach.eventCount'), value: data && formatCell('int', data.events.count) },
            { label: t('outreach.attendees'), value: data && formatCell('int', data.events.attendees) },
            { label: t('outreach.consultations'), value: data && formatCell('int', data.events.consultations) },
            { label: t('outreach.enrolments'), value: data && formatCell('int', data.events.enrolments) },
          ]}
        />
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'agencies',
                label: t('outreach.byAgency'),
                children: (
                  <ReportTable
                    testId="outreach-table"
                    columns={outreachColumns}
                    rows={data?.rows ?? []}
                    total={data?.total}
                    rowKey={(r) => r.agencyId || 'office'}
                    loading={report.isFetching}
                  />
                ),
              },
              {
                key: 'months',
                label: t('outreach.byMonth'),
                children: (
                  <ReportTable
                    testId="outreach-months"
                    columns={outreachMonthColumns}
                    rows={data?.months ?? []}
                    rowKey={(r) => String(r.month)}
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
