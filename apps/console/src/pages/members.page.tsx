import { IdcardOutlined } from '@ant-design/icons';
import { type MemberSummary, normalizeText } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { type MemberFilters, memberApi, memberKeys } from '../api/member.api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A full resident ID number (18 characters, or a legacy 15-digit one) is looked up exactly; anything else by name or mobile. */
export function looksLikeIdNumber(text: string): boolean {
  return /^(\d{17}[\dXx]|\d{15})$/.test(normalizeText(text));
}

export function MembersPage() {
  const { t, labels } = useI18n();
  const navigate = useNavigate();
  const { get, update, page, pageSize } = useSearchState();
  const search = get('s');
  const unitId = get('unitId');
  const byId = !!search && looksLikeIdNumber(search);
  const filters: MemberFilters = {
    idNumber: byId ? normalizeText(search) : undefined,
    q: search && !byId ? search : undefined,
    unitId,
    page,
    pageSize,
  };
  const members = useQuery({
    queryKey: memberKeys.list(filters),
    queryFn: () => memberApi.list(filters),
    meta: { ownErrors: true },
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('menu.members')} subtitle={t('members.subtitle')} />
      <Card>
        <Space className="filter-bar" wrap>
          <Input.Search
            key={search ?? ''}
            data-testid="member-search"
            allowClear
            enterButton={t('common.search')}
            defaultValue={search}
            placeholder={t('members.searchPlaceholder')}
            onSearch={(v) => update({ s: v.trim() })}
            style={{ width: 420 }}
          />
          {byId && (
            <Tag icon={<IdcardOutlined />} color="processing">
              {t('members.searchingById')}
            </Tag>
          )}
          {unitId && (
            <Tag closable color="blue" onClose={() => update({ unitId: undefined, unitName: undefined })}>
              {t('members.unitFilter', { name: get('unitName') ?? unitId })}
            </Tag>
          )}
        </Space>
        {members.isError && <Alert type="error" showIcon title={members.error.message} style={{ marginBottom: 16 }} />}
        <Table<MemberSummary>
          className="clickable-rows"
          rowKey="id"
          size="middle"
          loading={members.isFetching}
          dataSource={members.isError ? [] : members.data?.items}
          onRow={(m) => ({ onClick: () => navigate(`/members/${encodeURIComponent(m.id)}`) })}
          scroll={{ x: 960 }}
          pagination={{
            current: page,
            pageSize,
            // "1,000+": one page more is always reachable past the counted ones.
            total: (members.data?.total ?? 0) + (members.data?.totalCapped ? pageSize : 0),
            showSizeChanger: true,
            showTotal: () =>
              t('common.total', {
                total: `${(members.data?.total ?? 0).toLocaleString()}${members.data?.totalCapped ? '+' : ''}`,
              }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            {
              title: t('members.name'),
              dataIndex: 'name',
              width: 120,
              render: (name: string) => <Typography.Link>{name}</Typography.Link>,
            },
            {
              title: t('members.idNumber'),
              dataIndex: 'idNumberMasked',
              width: 200,
              render: (v: string) => <span className="revealed-id">{v}</span>,
            },
            {
              title: t('members.sex'),
              dataIndex: 'sex',
              width: 70,
              render: (s: MemberSummary['sex']) => labels.sex(s),
            },
            {
              title: t('members.age'),
              key: 'age',
              width: 120,
              render: (_: unknown, m: MemberSummary) => t('members.ageText', { age: m.age, year: m.birthYear }),
            },
            {
              title: t('members.mobile'),
              dataIndex: 'mobile',
              width: 140,
              render: (v: string | null) => v ?? t('common.none'),
            },
            {
              title: t('members.unit'),
              dataIndex: 'unitName',
              render: (v: string | null | undefined) => v ?? t('common.none'),
            },
            {
              title: t('members.employmentKind'),
              key: 'kind',
              width: 200,
              render: (_: unknown, m) =>
                m.employmentKind === 'gig' ? (
                  <Tag color="orange">
                    {labels.employmentKind('gig')}
                    {m.gigKind && ` · ${labels.gigKind(m.gigKind)}`}
                  </Tag>
                ) : (
                  <Tag>{labels.employmentKind('employee')}</Tag>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
