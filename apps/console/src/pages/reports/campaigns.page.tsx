import { PlusOutlined } from '@ant-design/icons';
import { type Campaign, formatCell } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { orgApi, orgKeys } from '../../api/org.api.ts';
import { reportKeys, reportsApi } from '../../api/reports.api.ts';
import { useCan } from '../../auth/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CampaignCreateModal } from './campaign-create.modal.tsx';

/** 扩面提质专项行动: the campaigns of the office; a row opens its report; the office admin creates new ones. */
export function CampaignsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { get, update, page, pageSize } = useSearchState();
  const query = { q: get('q'), page, pageSize };
  const campaigns = useQuery({
    queryKey: reportKeys.campaignPage(query),
    queryFn: () => reportsApi.campaigns(query),
    placeholderData: keepPreviousData,
  });
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies });
  const names = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);
  const open = (c: Campaign) => navigate(`/reports/campaigns/${encodeURIComponent(c.id)}`);

  return (
    <>
      <PageHeader
        title={t('menu.campaigns')}
        subtitle={t('campaigns.subtitle')}
        crumbs={[{ title: t('menu.reportsGroup') }, { title: t('menu.campaigns') }]}
        extra={
          can('campaign.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-campaign">
              {t('campaigns.new')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Space className="filter-bar">
          <Input.Search
            key={query.q ?? ''}
            allowClear
            defaultValue={query.q}
            placeholder={t('campaigns.searchPlaceholder')}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 260 }}
          />
        </Space>
        <Table<Campaign>
          rowKey="id"
          data-testid="campaigns-table"
          className="clickable-rows"
          loading={campaigns.isFetching}
          dataSource={campaigns.data?.items}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: campaigns.data?.total ?? 0,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          locale={{ emptyText: t('campaigns.empty') }}
          onRow={(c) => ({ onClick: () => open(c) })}
          columns={[
            {
              title: t('campaigns.name'),
              key: 'name',
              render: (_, c) => (
                <Link to={`/reports/campaigns/${encodeURIComponent(c.id)}`} onClick={(e) => e.stopPropagation()}>
                  {c.name}
                </Link>
              ),
            },
            { title: t('campaigns.period'), key: 'period', render: (_, c) => `${c.startDate} ~ ${c.endDate}` },
            {
              title: t('campaigns.agencies'),
              key: 'agencies',
              render: (_, c) =>
                c.agencyIds.length === 0 ? (
                  <Tag>{t('campaigns.allAgencies')}</Tag>
                ) : (
                  c.agencyIds.map((id) => <Tag key={id}>{names.get(id) ?? id}</Tag>)
                ),
            },
            {
              title: t('campaigns.targetUnits'),
              key: 'units',
              align: 'right',
              render: (_, c) => formatCell('int', c.targets.units),
            },
            {
              title: t('campaigns.targetMembers'),
              key: 'members',
              align: 'right',
              render: (_, c) => formatCell('int', c.targets.members),
            },
            {
              title: t('campaigns.targetContributions'),
              key: 'contributions',
              align: 'right',
              render: (_, c) => formatCell('fen', c.targets.contributionsFen),
            },
          ]}
        />
      </Card>
      <CampaignCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/reports/campaigns/${encodeURIComponent(id)}`);
        }}
      />
    </>
  );
}
