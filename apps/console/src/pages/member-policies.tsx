import { Empty, Table, Tag } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/** A policy as GET /members/:id/policies describes it (api.md); the member schema leaves it open for later modules. */
interface PolicyRow {
  id: string;
  productCode?: string;
  shares?: number;
  startDate?: string;
  endDate?: string;
  status?: string;
}

function asPolicies(values: unknown[]): PolicyRow[] {
  return values.filter(
    (v): v is PolicyRow => typeof v === 'object' && v !== null && typeof (v as PolicyRow).id === 'string',
  );
}

export function PoliciesTable({ policies }: { policies: unknown[] }) {
  const { t } = useI18n();
  const rows = asPolicies(policies);
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.noPolicies')} />;
  return (
    <Table<PolicyRow>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('members.product'), dataIndex: 'productCode' },
        { title: t('members.shares'), dataIndex: 'shares', width: 80 },
        { title: t('members.fromDate'), dataIndex: 'startDate', width: 140 },
        { title: t('members.toDate'), dataIndex: 'endDate', width: 140 },
        {
          title: t('members.policyStatus'),
          dataIndex: 'status',
          width: 120,
          render: (s?: string) => s && <Tag>{s}</Tag>,
        },
      ]}
    />
  );
}
