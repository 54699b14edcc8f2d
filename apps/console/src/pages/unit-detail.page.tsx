import { FileAddOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import type { Unit } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { useCan } from '../auth/session.tsx';
import { EnrolmentTag } from '../components/enrolment-tag.tsx';
import { formatInstant } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError } from '../components/query-state.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitBatches } from './unit-batches.tsx';
import { UnitCoverage } from './unit-coverage.tsx';

export function UnitDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { get, update } = useSearchState();
  const unit = useQuery({ queryKey: orgKeys.unit(id), queryFn: () => orgApi.unit(id) });
  const crumbs = [{ title: t('menu.units'), to: '/units' }, { title: t('units.detail') }];

  if (unit.isError) {
    return (
      <>
        <PageHeader title={t('units.detail')} crumbs={crumbs} />
        <Card>
          <LoadError
            error={unit.error}
            notFound={t('units.notFound')}
            back={{ to: '/units', label: t('common.back') }}
          />
        </Card>
      </>
    );
  }
  if (unit.isPending) {
    return (
      <>
        <PageHeader title={t('units.detail')} crumbs={crumbs} />
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  }

  const u = unit.data;
  const membersLink = `/members?unitId=${encodeURIComponent(u.id)}&unitName=${encodeURIComponent(u.name)}`;
  // The tab is in the address bar, so a link (or Back) can land on the coverage of a unit directly.
  const tabs = [
    { key: 'info', label: t('units.tabInfo'), children: <UnitInfo unit={u} membersLink={membersLink} /> },
    ...(can('policy.read')
      ? [{ key: 'coverage', label: t('units.tabCoverage'), children: <UnitCoverage unitId={u.id} /> }]
      : []),
    ...(can('batch.read')
      ? [
          {
            key: 'batches',
            label: t('units.tabBatches'),
            children: (
              <Card>
                <UnitBatches unitId={u.id} />
              </Card>
            ),
          },
        ]
      : []),
  ];
  const tab = tabs.some((x) => x.key === get('tab')) ? get('tab') : 'info';
  return (
    <>
      <PageHeader
        title={<span data-testid="unit-name">{u.name}</span>}
        subtitle={<EnrolmentTag unit={u} />}
        crumbs={[crumbs[0]!, { title: u.name }]}
        extra={
          <Space wrap>
            {can('member.read') && (
              <Link to={membersLink}>
                <Button icon={<TeamOutlined />}>{t('units.viewMembers')}</Button>
              </Link>
            )}
            {can('batch.create') && (
              <Link to={`/enrol?unitId=${encodeURIComponent(u.id)}`}>
                <Button type="primary" icon={<FileAddOutlined />} data-testid="unit-enrol">
                  {t('menu.enrol')}
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Space size={48} wrap>
            <Statistic title={t('units.memberCount')} value={u.memberCount ?? 0} />
            <Statistic title={t('units.headcount')} value={u.headcount} />
            <Statistic title={t('units.femaleHeadcount')} value={u.femaleHeadcount ?? 0} />
          </Space>
        </Card>
        <Tabs
          className="page-tabs"
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'info' ? undefined : key })}
          items={tabs}
          destroyOnHidden
        />
      </Space>
    </>
  );
}

function UnitInfo({ unit: u, membersLink }: { unit: Unit; membersLink: string }) {
  const { t, labels } = useI18n();
  const can = useCan();
  const none = t('common.none');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('units.basic')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'name', label: t('units.name'), children: u.name },
            {
              key: 'creditCode',
              label: t('units.creditCode'),
              children: (
                <Space>
                  <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                    {u.creditCode}
                  </Typography.Text>
                  {!u.creditCodeChecksumValid && (
                    <Tag icon={<WarningOutlined />} color="warning">
                      {t('units.checksumWarning')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            { key: 'category', label: t('units.category'), children: labels.unitCategory(u.category) },
            { key: 'industry', label: t('units.industry'), children: u.industry ?? none },
            { key: 'agency', label: t('units.agency'), children: u.agencyName ?? none },
            { key: 'createdAt', label: t('common.createdAt'), children: formatInstant(u.createdAt) },
          ]}
        />
      </Card>
      <Card title={t('units.contact')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'contactName', label: t('units.contactName'), children: u.contactName ?? none },
            { key: 'contactPhone', label: t('units.contactPhone'), children: u.contactPhone ?? none },
          ]}
        />
      </Card>
      <Card title={t('units.enrolment')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'status', label: t('units.status'), children: <EnrolmentTag unit={u} /> },
            {
              key: 'members',
              label: t('units.memberCount'),
              children: can('member.read') ? <Link to={membersLink}>{u.memberCount ?? 0}</Link> : (u.memberCount ?? 0),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
