import {
  type ChannelFunnel,
  type ChannelKind,
  type ChannelReportGrouping,
  channelFunnelColumns,
  channelKinds,
  channelReportColumns,
  channelReportGroupings,
  formatCell,
} from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Select, Space, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { type ChannelReportFilters, reportKeys, reportsApi } from '../../api/reports.api.ts';
import { EChart } from '../../components/charts/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';
import { ReportFigures } from './report-figures.tsx';
import { AgencyFilter, ExportButton, PeriodFilter, ReportFilterBar } from './report-filters.tsx';
import { ReportTable } from './report-table.tsx';

const steps = ['registrations', 'verified', 'enrolments', 'paid'] as const;
const stepColors = ['#1677ff', '#13a8a8', '#faad14', '#52c41a'];

/** The funnel of one group (or the total): registrations → verified → orders → paid. */
function funnelOption(f: ChannelFunnel | undefined, label: (s: (typeof steps)[number]) => string) {
  const data = steps.map((s, i) => ({ name: label(s), value: f?.[s] ?? 0, itemStyle: { color: stepColors[i] } }));
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}' },
    series: [
      {
        type: 'funnel',
        left: '8%',
        width: '84%',
        top: 8,
        bottom: 8,
        min: 0,
        max: Math.max(1, ...data.map((d) => d.value)),
        sort: 'none',
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b} {c}' },
        data,
      },
    ],
  };
}

/**
 * 渠道分析: the enrolment funnel of the QR channels for a period — registrations → real-name verified → orders →
 * paid, with gifts and fees — as a funnel chart of the total (and of the busiest groups), the groups per channel,
 * agency or channel kind, and every channel; the export is the same report as a workbook.
 */
export function ChannelReportPage() {
  const { t } = useI18n();
  const { get, update } = useSearchState();
  const kind = get('kind') as ChannelKind | undefined;
  const groupBy = get('groupBy') as ChannelReportGrouping | undefined;
  const filters: ChannelReportFilters = {
    from: get('from'),
    to: get('to'),
    agencyId: get('agencyId'),
    kind: kind && (channelKinds as readonly string[]).includes(kind) ? kind : undefined,
    groupBy: groupBy && (channelReportGroupings as readonly string[]).includes(groupBy) ? groupBy : 'agency',
  };
  const report = useQuery({
    queryKey: reportKeys.channels(filters),
    queryFn: () => reportsApi.channels(filters),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const total = data?.total;
  const stepLabel = useCallback((s: (typeof steps)[number]) => t(`channelReport.${s}` as MessageKey), [t]);
  const totalFunnel = useMemo(() => funnelOption(total, stepLabel), [total, stepLabel]);
  // The busiest groups that had anyone at all (an empty funnel draws nothing worth reading).
  const top = (data?.groups ?? []).filter((g) => g.registrations + g.enrolments + g.gifts > 0).slice(0, 3);

  if (report.isError && !data)
    return (
      <LoadError
        error={report.error}
        notFound={t('reports.notFound')}
        back={{ to: '/reports/channels', label: t('reports.backToReport') }}
      />
    );

  return (
    <>
      <PageHeader
        title={t('menu.channelReport')}
        subtitle={t('channelReport.subtitle')}
        crumbs={[{ title: t('menu.reportsGroup') }, { title: t('menu.channelReport') }]}
        extra={<ExportButton href={reportsApi.xlsxUrl('/reports/channels', { ...filters })} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ReportFilterBar>
          <PeriodFilter from={filters.from} to={filters.to} onChange={(from, to) => update({ from, to })} />
          <AgencyFilter value={filters.agencyId} onChange={(agencyId) => update({ agencyId })} />
          <Select
            data-testid="channel-report-kind"
            style={{ width: 160 }}
            allowClear
            placeholder={t('channelReport.allKinds')}
            value={filters.kind}
            onChange={(v?: string) => update({ kind: v })}
            options={channelKinds.map((k) => ({ value: k, label: t(`channels.kind.${k}` as MessageKey) }))}
          />
          <Segmented
            data-testid="channel-report-group"
            value={filters.groupBy}
            onChange={(v) => update({ groupBy: v === 'agency' ? undefined : String(v) })}
            options={channelReportGroupings.map((g) => ({ value: g, label: t(`channelReport.groupBy.${g}`) }))}
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
            ...steps.map((s) => ({
              label: stepLabel(s),
              value: total && formatCell('int', total[s]),
              testId: `channel-figure-${s}`,
            })),
            { label: t('channelReport.gifts'), value: total && formatCell('int', total.gifts) },
            { label: t('channelReport.fees'), value: total && formatCell('fen', total.feeFen) },
          ]}
        />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('channelReport.funnel')}>
              <EChart option={totalFunnel} height={300} testId="channel-funnel" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('channelReport.groups')}>
              <Row gutter={[8, 8]}>
                {top.map((g) => (
                  <Col key={g.key} xs={24} md={8}>
                    <Typography.Text strong ellipsis>
                      {g.label}
                    </Typography.Text>
                    <EChart option={funnelOption(g, stepLabel)} height={240} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t(`channelReport.groupBy.${filters.groupBy ?? 'agency'}`)}>
          <ReportTable
            testId="channel-group-table"
            columns={channelFunnelColumns}
            rows={data?.groups ?? []}
            total={total}
            rowKey={(r) => r.key || 'office'}
            loading={report.isFetching}
          />
        </Card>
        <Card size="small" title={t('channelReport.detail')}>
          <ReportTable
            testId="channel-report-table"
            columns={channelReportColumns}
            rows={data?.rows ?? []}
            rowKey={(r) => r.channelId}
            loading={report.isFetching}
            pagination={{ pageSize: 20, showSizeChanger: true }}
          />
        </Card>
      </Space>
    </>
  );
}
