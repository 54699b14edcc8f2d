import { formatFen, type NationalSummary, type Summary } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Descriptions, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { http } from '../../api/http-client.ts';
import { reportsApi } from '../../api/reports.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { ExportButton } from '../reports/report-filters.tsx';

type Figures = Omit<Summary, 'asOf'>;
const items = (s: Figures) => [
  { key: 'ue', label: '累计入会单位', children: s.unitsEver.toLocaleString() },
  { key: 'me', label: '累计入会会员', children: s.membersEver.toLocaleString() },
  { key: 'au', label: '在保单位', children: s.activeUnits.toLocaleString() },
  { key: 'am', label: '在保会员', children: s.activeMembers.toLocaleString() },
  { key: 'sh', label: '在保份数', children: s.shares.toLocaleString() },
  { key: 'co', label: '互助金收入', children: formatFen(s.contributionsFen) },
  {
    key: 'cp',
    label: '累计给付',
    children: `${formatFen(s.claimsPaid.amountFen)} · ${s.claimsPaid.count.toLocaleString()} 笔`,
  },
  {
    key: 'rp',
    label: '累计帮扶',
    children: `${formatFen(s.reliefPaid.amountFen)} · ${s.reliefPaid.count.toLocaleString()} 笔`,
  },
];

/**
 * 汇总: the summary as of a date (scoped like every report: the office, or the agency of agency staff); 全国汇总 (the
 * national viewer, 总会) shows every office side by side and the national totals, the sum of the offices. Both
 * export the same figures as xlsx.
 */
export function SummaryPage({ national = false }: { national?: boolean }) {
  const { get, update } = useSearchState();
  const asOf = get('asOf');
  const query = { asOf, ...(national ? { scope: 'national' } : {}) };
  const summary = useQuery({
    queryKey: ['reports', 'summary', national ? 'national' : 'office', asOf ?? null],
    queryFn: () => http.get<Summary | NationalSummary>('/reports/summary', query),
  });
  const s = summary.data;
  return (
    <>
      <PageHeader
        title={national ? '全国汇总' : '汇总'}
        subtitle={s ? `截至 ${s.asOf}` : undefined}
        extra={
          <Space wrap>
            <DatePicker
              value={asOf ? dayjs(asOf) : undefined}
              onChange={(d) => update({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
              placeholder="截至日期"
              data-testid="summary-as-of"
            />
            <ExportButton href={reportsApi.xlsxUrl('/reports/summary', query)} />
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card loading={summary.isPending}>
          {s && <Descriptions column={{ xs: 1, md: 4 }} items={items(s)} data-testid="summary-figures" />}
        </Card>
        {s && 'offices' in s && (
          <Card title="各办事处">
            <Table
              rowKey="officeId"
              pagination={false}
              dataSource={s.offices}
              data-testid="summary-offices"
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '办事处', dataIndex: 'officeName' },
                { title: '在保单位', key: 'au', align: 'right', render: (_, o) => o.activeUnits.toLocaleString() },
                { title: '在保会员', key: 'am', align: 'right', render: (_, o) => o.activeMembers.toLocaleString() },
                { title: '在保份数', key: 'sh', align: 'right', render: (_, o) => o.shares.toLocaleString() },
                { title: '互助金收入', key: 'co', align: 'right', render: (_, o) => formatFen(o.contributionsFen) },
                {
                  title: '累计给付',
                  key: 'cp',
                  align: 'right',
                  render: (_, o) => `${formatFen(o.claimsPaid.amountFen)} · ${o.claimsPaid.count.toLocaleString()} 笔`,
                },
                {
                  title: '累计帮扶',
                  key: 'rp',
                  align: 'right',
                  render: (_, o) => `${formatFen(o.reliefPaid.amountFen)} · ${o.reliefPaid.count.toLocaleString()} 笔`,
                },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>全国合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {s.activeUnits.toLocaleString()}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {s.activeMembers.toLocaleString()}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {s.shares.toLocaleString()}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {formatFen(s.contributionsFen)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {`${formatFen(s.claimsPaid.amountFen)} · ${s.claimsPaid.count.toLocaleString()} 笔`}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">
                    {`${formatFen(s.reliefPaid.amountFen)} · ${s.reliefPaid.count.toLocaleString()} 笔`}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
        )}
      </Space>
    </>
  );
}
