import { ApartmentOutlined, BankOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { unitCategories } from '@huzhu/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { memberApi } from '../api/member.api.ts';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { useCan, useCurrentSession } from '../auth/session.tsx';
import { StackedBarChart } from '../components/bar-chart.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ReportDashboard } from './reports/report-dashboard.tsx';
import { SecurityAlerts } from './security-alerts.tsx';

function StatCard(props: { title: string; value?: number; icon: ReactNode; to?: string; loading: boolean }) {
  const body = (
    <Card hoverable={!!props.to}>
      <Statistic title={props.title} value={props.value ?? 0} prefix={props.icon} loading={props.loading} />
    </Card>
  );
  return props.to ? <Link to={props.to}>{body}</Link> : body;
}

/** Counts per unit category, enrolled and all, from the scoped unit list (page size 1: only totals are read). */
function useCategoryCounts(enabled: boolean) {
  const filters = unitCategories.flatMap((category) => [
    { category, pageSize: 1, page: 1 },
    { category, enrolled: true, pageSize: 1, page: 1 },
  ]);
  const results = useQueries({
    queries: filters.map((f) => ({ queryKey: orgKeys.units(f), queryFn: () => orgApi.units(f), enabled })),
  });
  const loading = results.some((r) => r.isPending);
  const totals = results.map((r) => r.data?.total ?? 0);
  const all = unitCategories.map((_, i) => totals[i * 2] ?? 0);
  const enrolled = unitCategories.map((_, i) => totals[i * 2 + 1] ?? 0);
  return { loading, all, enrolled };
}

export function DashboardPage() {
  const { t, labels } = useI18n();
  const { user } = useCurrentSession();
  const can = useCan();
  // Staff who read reports get the figures of their scope; the others (unit agents) the counts of their lists.
  const readsReports = can('report.read');
  const seesUnits = can('unit.read') && !readsReports;
  const agencies = useQuery({
    queryKey: orgKeys.agencies,
    queryFn: orgApi.agencies,
    enabled: seesUnits && can('agency.read'),
  });
  const members = useQuery({
    queryKey: ['members', 'count'],
    queryFn: () => memberApi.list({ page: 1, pageSize: 1 }),
    enabled: seesUnits && can('member.read'),
  });
  const counts = useCategoryCounts(seesUnits);
  const unitTotal = counts.all.reduce((a, b) => a + b, 0);
  const enrolledTotal = counts.enrolled.reduce((a, b) => a + b, 0);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space orientation="vertical" size={4}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('dashboard.welcome', { name: user.displayName })}
          </Typography.Title>
          <Space>
            <Typography.Text type="secondary">{t('dashboard.role')}</Typography.Text>
            <Tag color="blue">{labels.role(user.role)}</Tag>
          </Space>
          <Typography.Text type="secondary">{t('app.slogan')}</Typography.Text>
        </Space>
      </Card>

      <SecurityAlerts />

      {user.role === 'national_viewer' && <Alert type="info" showIcon title={t('dashboard.nationalHint')} />}

      {readsReports && <ReportDashboard />}

      {seesUnits && (
        <Row gutter={[16, 16]}>
          {can('agency.read') && (
            <Col xs={24} sm={12} xl={6}>
              <StatCard
                title={t('dashboard.agencies')}
                value={agencies.data?.length}
                icon={<ApartmentOutlined />}
                to="/agencies"
                loading={agencies.isPending}
              />
            </Col>
          )}
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              title={t('dashboard.units')}
              value={unitTotal}
              icon={<BankOutlined />}
              to="/units"
              loading={counts.loading}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              title={t('dashboard.enrolledUnits')}
              value={enrolledTotal}
              icon={<SafetyCertificateOutlined />}
              to="/units?enrolled=true"
              loading={counts.loading}
            />
          </Col>
          {can('member.read') && (
            <Col xs={24} sm={12} xl={6}>
              <StatCard
                title={t('dashboard.members')}
                value={members.data?.total}
                icon={<TeamOutlined />}
                to="/members"
                loading={members.isPending}
              />
            </Col>
          )}
        </Row>
      )}

      {seesUnits && (
        <Card title={t('dashboard.unitsByCategory')}>
          {counts.loading ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : (
            <StackedBarChart
              categories={unitCategories.map((c) => labels.unitCategory(c))}
              series={[
                { name: t('dashboard.enrolled'), values: counts.enrolled, color: '#1f6fd1' },
                {
                  name: t('dashboard.notEnrolled'),
                  values: counts.all.map((n, i) => n - (counts.enrolled[i] ?? 0)),
                  color: '#d9dde3',
                },
              ]}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
