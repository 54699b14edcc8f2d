import { formatCell, type Summary } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { reportKeys, reportsApi } from '../../api/reports.api.ts';
import { categoryChart, gaugeChart } from '../../components/charts/chart-options.ts';
import { EChart } from '../../components/charts/echart.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';
import { AsOfFilter } from './report-filters.tsx';
import { percentOf, structureRowLabel } from './structure-labels.ts';

const yuan = (fen: number) => Number((fen / 100).toFixed(2));

/** The summary figures as cards; the text is the reports' own cell format, so it reads as in every table. */
const cards: {
  key: string;
  label: MessageKey;
  text: (s: Summary) => string;
  yuan?: true;
  count?: (s: Summary) => number;
}[] = [
  { key: 'unitsEver', label: 'home.unitsEver', text: (s) => formatCell('int', s.unitsEver) },
  { key: 'membersEver', label: 'home.membersEver', text: (s) => formatCell('int', s.membersEver) },
  { key: 'activeUnits', label: 'home.activeUnits', text: (s) => formatCell('int', s.activeUnits) },
  { key: 'activeMembers', label: 'home.activeMembers', text: (s) => formatCell('int', s.activeMembers) },
  { key: 'shares', label: 'home.shares', text: (s) => formatCell('int', s.shares) },
  { key: 'contributions', label: 'home.contributions', text: (s) => formatCell('fen', s.contributionsFen), yuan: true },
  {
    key: 'claimsPaid',
    label: 'home.claimsPaid',
    text: (s) => formatCell('fen', s.claimsPaid.amountFen),
    yuan: true,
    count: (s) => s.claimsPaid.count,
  },
  {
    key: 'reliefPaid',
    label: 'home.reliefPaid',
    text: (s) => formatCell('fen', s.reliefPaid.amountFen),
    yuan: true,
    count: (s) => s.reliefPaid.count,
  },
];

/** The home page of staff who read reports: the summary on a date, monthly trends, coverage and the claims SLA. */
export function ReportDashboard() {
  const { t } = useI18n();
  const { get, update } = useSearchState();
  const asOf = get('asOf');
  const summary = useQuery({
    queryKey: reportKeys.summary(asOf),
    queryFn: () => reportsApi.summary(asOf),
    placeholderData: keepPreviousData,
  });
  const s = summary.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('home.asOfTitle')}
        extra={<AsOfFilter value={asOf} onChange={(v) => update({ asOf: v })} />}
        className="home-summary"
      >
        <Row gutter={[16, 16]}>
          {cards.map((c) => (
            <Col key={c.key} xs={12} md={6}>
              <div className="home-stat" data-testid={`summary-${c.key}`}>
                <Statistic
                  title={t(c.label)}
                  value={s ? c.text(s) : '—'}
                  suffix={c.yuan ? t('home.yuan') : undefined}
                  loading={summary.isPending}
                />
                {c.count && s && (
                  <Typography.Text type="secondary">{t('home.countUnit', { count: c.count(s) })}</Typography.Text>
                )}
              </div>
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <TrendsCard />
        </Col>
        <Col xs={24} xl={8}>
          <SlaCard />
        </Col>
        <Col xs={24} xl={10}>
          <ClaimsPaidCard />
        </Col>
        <Col xs={24} xl={14}>
          <CoverageCard asOf={asOf} />
        </Col>
      </Row>
    </Space>
  );
}

function useTrends() {
  return useQuery({ queryKey: reportKeys.trends({}), queryFn: () => reportsApi.trends({}) });
}

function TrendsCard() {
  const { t, locale } = useI18n();
  const trends = useTrends();
  const option = useMemo(() => {
    const months = trends.data?.months ?? [];
    return categoryChart({
      locale,
      categories: months.map((m) => m.month),
      left: 'int',
      right: 'yuan',
      series: [
        {
          name: t('home.activeMembersSeries'),
          type: 'line',
          values: months.map((m) => m.activeMembers),
        },
        {
          name: t('home.contributionsSeries'),
          type: 'line',
          rightAxis: true,
          values: months.map((m) => yuan(m.contributionsFen)),
        },
      ],
    });
  }, [trends.data, t, locale]);
  return (
    <Card size="small" title={t('home.trends')}>
      <ChartBody query={trends}>
        <EChart option={option} height={300} testId="chart-trends" />
      </ChartBody>
    </Card>
  );
}

function ClaimsPaidCard() {
  const { t, locale } = useI18n();
  const trends = useTrends();
  const option = useMemo(() => {
    const months = trends.data?.months ?? [];
    return categoryChart({
      locale,
      categories: months.map((m) => m.month),
      left: 'int',
      right: 'yuan',
      series: [
        { name: t('home.claimsPaidCount'), values: months.map((m) => m.claimsPaid.count) },
        {
          name: t('home.claimsPaidAmount'),
          type: 'line',
          rightAxis: true,
          values: months.map((m) => yuan(m.claimsPaid.amountFen)),
        },
        {
          name: t('home.reliefPaidAmount'),
          type: 'line',
          rightAxis: true,
          values: months.map((m) => yuan(m.reliefPaid.amountFen)),
        },
      ],
    });
  }, [trends.data, t, locale]);
  return (
    <Card size="small" title={t('home.claimsPaidTitle')}>
      <ChartBody query={trends}>
        <EChart option={option} height={300} testId="chart-claims-paid" />
      </ChartBody>
    </Card>
  );
}

function CoverageCard({ asOf }: { asOf?: string }) {
  const { t, locale } = useI18n();
  const structure = useQuery({
    queryKey: reportKeys.structure({ asOf }),
    queryFn: () => reportsApi.structure({ asOf }),
    placeholderData: keepPreviousData,
  });
  const option = useMemo(() => {
    // An agency with no known unit has no coverage to compare (the structure report still lists it).
    const rows = (structure.data?.rows ?? []).filter((r) => r.knownUnits > 0);
    return categoryChart({
      locale,
      // Office-wide one row per agency; an agency's own staff get its rows by unit category.
      categories: rows.map((r) => structureRowLabel(r, locale)),
      left: 'percent',
      window: 20,
      series: [
        { name: t('reports.unitCoverage'), values: rows.map((r) => percentOf(r.unitCoverage)) },
        { name: t('reports.memberCoverage'), values: rows.map((r) => percentOf(r.memberCoverage)) },
      ],
    });
  }, [structure.data, t, locale]);
  return (
    <Card
      size="small"
      title={structure.data?.agencyId ? t('home.coverageByCategory') : t('home.coverageByAgency')}
      extra={<Link to="/reports/enrolment-structure">{t('home.openReport')}</Link>}
    >
      <ChartBody query={structure}>
        <EChart option={option} height={300} testId="chart-coverage" />
      </ChartBody>
    </Card>
  );
}

function SlaCard() {
  const { t } = useI18n();
  const ops = useQuery({ queryKey: reportKeys.claimsOps({}), queryFn: () => reportsApi.claimsOps({}), retry: false });
  const total = ops.data?.total;
  const option = useMemo(() => gaugeChart({ value: total?.within5Share ?? null, name: t('home.slaName') }), [total, t]);
  return (
    <Card size="small" title={t('home.slaTitle')} style={{ height: '100%' }}>
      <ChartBody query={ops}>
        <EChart option={option} height={260} testId="chart-sla" />
        {total && (
          <Typography.Paragraph type="secondary" style={{ margin: 0, textAlign: 'center' }}>
            {t('home.slaDetail', {
              decided: total.decided,
              within: total.decidedWithin5,
              backlog: total.backlog,
              overdue: total.overdue,
            })}
          </Typography.Paragraph>
        )}
      </ChartBody>
    </Card>
  );
}

/** A chart's card body: a skeleton while loading, an empty state on failure, else the chart. */
function ChartBody({
  query,
  children,
}: {
  query: { isPending: boolean; isError: boolean };
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError) return <Empty description={t('home.noData')} />;
  return <>{children}</>;
}
