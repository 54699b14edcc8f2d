import { type CampaignRow, campaignColumns, formatCell } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Progress, Row, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { reportKeys, reportsApi } from '../../api/reports.api.ts';
import { categoryChart } from '../../components/charts/chart-options.ts';
import { EChart } from '../../components/charts/echart.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';
import { ExportButton } from './report-filters.tsx';
import { ReportTable } from './report-table.tsx';
import { percentOf } from './structure-labels.ts';

const measures: {
  label: MessageKey;
  progress: (r: CampaignRow) => number | null;
  value: (r: CampaignRow) => string;
  target: 'units' | 'members' | 'contributionsFen';
}[] = [
  {
    label: 'campaigns.unitsProgress',
    progress: (r) => r.unitsProgress,
    value: (r) => formatCell('int', r.unitsImproved),
    target: 'units',
  },
  {
    label: 'campaigns.membersProgress',
    progress: (r) => r.membersProgress,
    value: (r) => formatCell('int', r.membersAdded),
    target: 'members',
  },
  {
    label: 'campaigns.contributionsProgress',
    progress: (r) => r.contributionsProgress,
    value: (r) => formatCell('fen', r.contributionsAddedFen),
    target: 'contributionsFen',
  },
];

/** One campaign's report: progress against its targets, by agency, with the shares of the period totals. */
export function CampaignReportPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const report = useQuery({ queryKey: reportKeys.campaign(id), queryFn: () => reportsApi.campaignReport(id) });
  const data = report.data;
  const chart = useMemo(() => {
    // Agencies that added something, the largest contribution first: the others would be a row of empty slots.
    const rows = (data?.rows ?? [])
      .filter((r) => r.unitsImproved > 0 || r.membersAdded > 0 || r.contributionsAddedFen > 0)
      .sort((a, b) => b.contributionsAddedFen - a.contributionsAddedFen);
    return categoryChart({
      locale,
      categories: rows.map((r) => r.agencyName),
      left: 'percent',
      window: 24,
      series: measures.map((m) => ({ name: t(m.label), values: rows.map((r) => percentOf(m.progress(r))) })),
    });
  }, [data, t, locale]);

  if (report.isError)
    return (
      <LoadError
        error={report.error}
        notFound={t('reports.notFound')}
        back={{ to: '/reports/campaigns', label: t('menu.campaigns') }}
      />
    );
  const campaign = data?.campaign;
  const targetText = (m: (typeof measures)[number]) =>
    campaign
      ? m.target === 'contributionsFen'
        ? formatCell('fen', campaign.targets.contributionsFen)
        : formatCell('int', campaign.targets[m.target])
      : '—';

  return (
    <>
      <PageHeader
        title={campaign?.name ?? t('menu.campaigns')}
        subtitle={campaign && `${campaign.startDate} ~ ${campaign.endDate}`}
        crumbs={[
          { title: t('menu.reportsGroup') },
          { title: t('menu.campaigns'), to: '/reports/campaigns' },
          { title: campaign?.name ?? '' },
        ]}
        extra={<ExportButton href={reportsApi.campaignXlsxUrl(id)} disabled={!data} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('campaigns.progress')} loading={report.isPending}>
          <Row gutter={[24, 16]}>
            {data &&
              measures.map((m) => {
                const p = m.progress(data.total);
                return (
                  <Col key={m.label} xs={24} md={8} data-testid={`campaign-progress-${m.target}`}>
                    <Typography.Text type="secondary">{t(m.label)}</Typography.Text>
                    <Progress
                      percent={p === null ? 0 : Math.round(p * 1000) / 10}
                      status={p !== null && p >= 1 ? 'success' : 'active'}
                      strokeColor={p !== null && p >= 1 ? undefined : '#1f6fd1'}
                    />
                    <Typography.Text>
                      {t('campaigns.ofTarget', { value: m.value(data.total), target: targetText(m) })}
                    </Typography.Text>
                  </Col>
                );
              })}
          </Row>
          {campaign && (
            <Descriptions size="small" column={3} style={{ marginTop: 16 }}>
              <Descriptions.Item label={t('campaigns.unitsShare')}>
                {formatCell('ratio', data.total.unitsShare)}
              </Descriptions.Item>
              <Descriptions.Item label={t('campaigns.membersShare')}>
                {formatCell('ratio', data.total.membersShare)}
              </Descriptions.Item>
              <Descriptions.Item label={t('campaigns.contributionsShare')}>
                {formatCell('ratio', data.total.contributionsShare)}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Card>
        <Card size="small" title={t('campaigns.chart')}>
          <EChart option={chart} height={320} testId="campaign-chart" />
        </Card>
        <Card size="small">
          <ReportTable
            testId="campaign-table"
            columns={campaignColumns}
            rows={data?.rows ?? []}
            total={data?.total}
            rowKey={(r) => r.agencyId}
            loading={report.isFetching}
          />
        </Card>
      </Space>
    </>
  );
}
