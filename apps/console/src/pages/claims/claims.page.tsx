import { PlusOutlined } from '@ant-design/icons';
import { type ClaimStatus, chinaDate, claimStatuses, formatFen } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Input, Row, Select, Space, Statistic, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { type ClaimFilters, type ClaimRow, claimKeys, claimsApi } from '../../api/claims.api.ts';
import { orgApi, orgKeys } from '../../api/org.api.ts';
import { useCan, useCurrentSession } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useClaimLabels } from './claim-labels.ts';
import { ClaimChannelTag, ClaimFlags, ClaimStatusTag, DueDate } from './claim-tags.tsx';

/** 申领工作台: the claims in the caller's scope, the nearest deadline first, with what is overdue or due today on top. */
export function ClaimsPage() {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const { user } = useCurrentSession();
  const can = useCan();
  const navigate = useNavigate();
  const { get, update, page, pageSize } = useSearchState();
  const status = claimStatuses.includes(get('status') as ClaimStatus) ? (get('status') as ClaimStatus) : undefined;
  const filters: ClaimFilters = {
    status,
    overdue: get('overdue') === 'true' ? true : undefined,
    agencyId: get('agencyId'),
    q: get('q'),
    page,
    pageSize,
  };
  const queue = useQuery({
    queryKey: claimKeys.queue(filters),
    queryFn: () => claimsApi.queue(filters),
    placeholderData: keepPreviousData,
  });
  // Agency staff and unit agents see one agency already; the agency filter is for the office.
  const picksAgency = user.role.startsWith('office_');
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies, enabled: picksAgency });
  const today = chinaDate(new Date());
  const counts = queue.data?.counts;

  return (
    <>
      <PageHeader
        title={t('menu.claims')}
        subtitle={t('claims.subtitle')}
        extra={
          can('claim.create') && (
            <Link to="/claims/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-claim">
                {t('claims.new')}
              </Button>
            </Link>
          )
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={t('claims.total')}
                value={queue.data ? `${queue.data.total.toLocaleString()}${queue.data.totalCapped ? '+' : ''}` : '—'}
              />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card onClick={() => update({ overdue: true })} hoverable>
              <Statistic
                title={t('claims.overdueCount')}
                value={counts?.overdue ?? '—'}
                styles={{ content: { color: counts?.overdue ? '#cf1322' : undefined } }}
                data-testid="count-overdue"
              />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={t('claims.dueTodayCount')}
                value={counts?.dueToday ?? '—'}
                styles={{ content: { color: counts?.dueToday ? '#d46b08' : undefined } }}
                data-testid="count-due-today"
              />
            </Card>
          </Col>
        </Row>
        <Card>
          <Space className="filter-bar" wrap>
            <Input.Search
              key={filters.q ?? ''}
              data-testid="claim-search"
              allowClear
              defaultValue={filters.q}
              placeholder={t('claims.searchPlaceholder')}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              style={{ width: 320 }}
            />
            <Select
              data-testid="filter-status"
              style={{ width: 160 }}
              allowClear
              placeholder={t('claims.allStatuses')}
              value={status}
              onChange={(v?: string) => update({ status: v })}
              options={claimStatuses.map((s) => ({ value: s, label: labels.status(s) }))}
            />
            {picksAgency && (
              <Select
                data-testid="filter-agency"
                style={{ width: 220 }}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('claims.allAgencies')}
                value={filters.agencyId}
                onChange={(v?: string) => update({ agencyId: v })}
                options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
              />
            )}
            <Checkbox
              checked={filters.overdue === true}
              onChange={(e) => update({ overdue: e.target.checked ? true : undefined })}
              data-testid="filter-overdue"
            >
              {t('claims.onlyOverdue')}
            </Checkbox>
          </Space>
          <Table<ClaimRow>
            rowKey="id"
            data-testid="claims-table"
            loading={queue.isFetching}
            dataSource={queue.data?.items}
            className="clickable-rows"
            onRow={(r) => ({
              onClick: () => navigate(`/claims/${encodeURIComponent(r.id)}`),
              // A missed deadline should be seen from across the room, not only read in the due-date column.
              style: r.overdue ? { background: '#fff1f0' } : undefined,
            })}
            pagination={{
              current: page,
              pageSize,
              total: queue.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) =>
                t('common.total', { total: queue.data?.totalCapped ? `${total.toLocaleString()}+` : total }),
              onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
            }}
            columns={[
              { title: t('claims.number'), dataIndex: 'number', render: (n: string) => <code>{n}</code> },
              { title: t('claims.status'), key: 'status', render: (_, r) => <ClaimStatusTag status={r.status} /> },
              {
                title: t('claims.member'),
                key: 'member',
                render: (_, r) => (
                  <Link to={`/claims/${encodeURIComponent(r.id)}`} onClick={(e) => e.stopPropagation()}>
                    {r.memberName}
                  </Link>
                ),
              },
              { title: t('claims.unit'), key: 'unit', render: (_, r) => r.unitName ?? t('common.none') },
              { title: t('claims.kind'), key: 'kind', render: (_, r) => labels.kind(r.kind) },
              { title: t('claims.eventDate'), dataIndex: 'eventDate' },
              {
                title: t('claims.amount'),
                key: 'amount',
                align: 'right',
                render: (_, r) => formatFen(r.approvedAmountFen ?? r.assessedAmountFen),
              },
              { title: t('claims.acceptedAt'), key: 'accepted', render: (_, r) => formatInstant(r.acceptedAt) },
              {
                title: t('claims.dueDate'),
                key: 'due',
                render: (_, r) => <DueDate dueDate={r.dueDate} overdue={r.overdue} today={today} />,
              },
              {
                title: t('claims.flags'),
                key: 'flags',
                render: (_, r) => (
                  <Space size={4} wrap>
                    <ClaimChannelTag channel={r.channel} />
                    <ClaimFlags flags={r.flags} />
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
