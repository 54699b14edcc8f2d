import { type Agency, type AgencyKind, agencyKinds } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { useCan } from '../auth/session.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useI18n } from '../i18n/i18n.tsx';

const kindColors: Record<AgencyKind, string> = { district: 'geekblue', industry: 'purple', direct: 'gold' };

export function AgenciesPage() {
  const { t, labels } = useI18n();
  const can = useCan();
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies });
  const [kind, setKind] = useState<AgencyKind | 'all'>('all');
  const [q, setQ] = useState('');

  // The list is small (one office has a few dozen agency offices), so it is filtered in the browser.
  const rows = useMemo(() => {
    const text = q.trim();
    return (agencies.data ?? []).filter(
      (a) => (kind === 'all' || a.kind === kind) && (!text || a.name.includes(text) || a.code.includes(text)),
    );
  }, [agencies.data, kind, q]);

  return (
    <>
      <PageHeader title={t('menu.agencies')} subtitle={t('agencies.subtitle')} />
      <Card>
        <Space className="filter-bar" wrap>
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as AgencyKind | 'all')}
            options={[
              { value: 'all', label: t('common.all') },
              ...agencyKinds.map((k) => ({ value: k, label: labels.agencyKind(k) })),
            ]}
          />
          <Input.Search
            allowClear
            placeholder={`${t('agencies.name')} / ${t('agencies.code')}`}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
            style={{ width: 260 }}
          />
        </Space>
        <Table<Agency>
          rowKey="id"
          size="middle"
          loading={agencies.isPending}
          dataSource={rows}
          pagination={{
            defaultPageSize: 20,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            {
              title: t('agencies.code'),
              dataIndex: 'code',
              width: 140,
              sorter: (a, b) => a.code.localeCompare(b.code),
            },
            { title: t('agencies.name'), dataIndex: 'name' },
            {
              title: t('agencies.kind'),
              dataIndex: 'kind',
              width: 120,
              render: (k: AgencyKind) => <Tag color={kindColors[k]}>{labels.agencyKind(k)}</Tag>,
            },
            {
              title: t('agencies.regionCode'),
              dataIndex: 'regionCode',
              width: 160,
              render: (v: string | null) => v ?? t('common.none'),
            },
            ...(can('unit.read')
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 120,
                    render: (_: unknown, a: Agency) => (
                      <Link to={`/units?agencyId=${encodeURIComponent(a.id)}`}>{t('agencies.viewUnits')}</Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
