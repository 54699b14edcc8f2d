import { formatFen, reliefCategoryName, reliefReportColumns } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Table } from 'antd';
import { reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** 救助慰问统计: relief paid by month, agency and category (the same columns as the xlsx export). */
export function ReliefReportPage() {
  const { t } = useI18n();
  const { get } = useSearchState();
  const f = { from: get('from'), to: get('to') };
  const report = useQuery({ queryKey: reliefKeys.report(f), queryFn: () => reliefApi.report(f) });
  const q = new URLSearchParams({ format: 'xlsx', ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) });
  return (
    <>
      <PageHeader
        title={t('menu.reliefReport')}
        subtitle={report.data ? `${report.data.from} ～ ${report.data.to}` : undefined}
        extra={
          <Button href={`/api/v1/reports/relief?${q}`} data-testid="relief-report-xlsx">
            {t('reliefReport.export')}
          </Button>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={t('reliefReport.total')}
                value={report.data ? `${formatFen(report.data.total.amountFen)} · ${report.data.total.count} 笔` : '—'}
              />
            </Card>
          </Col>
          {(report.data?.byCategory ?? []).map((c) => (
            <Col xs={12} md={4} key={c.category}>
              <Card>
                <Statistic
                  title={reliefCategoryName(c.category)}
                  value={`${formatFen(c.amountFen)}`}
                  suffix={`${c.count} 笔`}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Card>
          <Table
            rowKey={(r) => `${r.month}|${r.agencyId}|${r.category}`}
            loading={report.isFetching}
            dataSource={report.data?.rows}
            pagination={{ pageSize: 50 }}
            columns={reliefReportColumns.map((c) => ({
              title: c.zh,
              key: c.key,
              align: c.kind === 'text' ? undefined : ('right' as const),
              render: (_: unknown, r: Parameters<typeof c.value>[0]) => {
                const v = c.value(r);
                return c.kind === 'fen' ? formatFen(Number(v)) : v;
              },
            }))}
          />
        </Card>
      </Space>
    </>
  );
}
