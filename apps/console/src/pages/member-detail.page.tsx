import type { MemberDetail } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Skeleton, Space, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { memberApi, memberKeys } from '../api/member.api.ts';
import { useCan } from '../auth/session.tsx';
import { formatInstant } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError } from '../components/query-state.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { BankAccountButton } from './claims/bank-account.modal.tsx';
import { NewClaimButton } from './claims/new-claim.button.tsx';
import { MemberClaims, MemberRelief } from './member-history.tsx';
import { MemberPolicies } from './member-policies.tsx';
import { RevealIdNumber } from './member-reveal.tsx';

type UnitLink = MemberDetail['unitHistory'][number];

export function MemberDetailPage() {
  const { id = '' } = useParams();
  const { t, labels } = useI18n();
  const can = useCan();
  const member = useQuery({ queryKey: memberKeys.one(id), queryFn: () => memberApi.get(id) });
  const crumbs = [{ title: t('menu.members'), to: '/members' }, { title: t('members.detail') }];

  if (member.isError || member.isPending) {
    return (
      <>
        <PageHeader title={t('members.detail')} crumbs={crumbs} />
        <Card>
          {member.isError ? (
            <LoadError
              error={member.error}
              notFound={t('members.notFound')}
              back={{ to: '/members', label: t('common.back') }}
            />
          ) : (
            <Skeleton active paragraph={{ rows: 8 }} />
          )}
        </Card>
      </>
    );
  }

  const m = member.data;
  const none = t('common.none');
  const unitLink = (unitId: string | null, name: string | null | undefined) =>
    unitId && can('unit.read') ? (
      <Link to={`/units/${encodeURIComponent(unitId)}`}>{name ?? unitId}</Link>
    ) : (
      (name ?? none)
    );

  return (
    <>
      <PageHeader
        title={<span data-testid="member-name">{m.name}</span>}
        crumbs={[crumbs[0]!, { title: m.name }]}
        extra={<NewClaimButton memberId={m.id} />}
        subtitle={
          <Space size={4}>
            {m.employmentKind === 'gig' ? (
              <Tag color="orange">
                {labels.employmentKind('gig')}
                {m.gigKind && ` · ${labels.gigKind(m.gigKind)}`}
              </Tag>
            ) : (
              <Tag>{labels.employmentKind('employee')}</Tag>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('members.basic')}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'name', label: t('members.name'), children: m.name },
              {
                key: 'idNumber',
                label: t('members.idNumber'),
                children: <RevealIdNumber memberId={m.id} masked={m.idNumberMasked} canReveal={can('member.reveal')} />,
              },
              { key: 'sex', label: t('members.sex'), children: labels.sex(m.sex) },
              {
                key: 'birthDate',
                label: m.birthDate ? t('members.birthDate') : t('members.age'),
                children: m.birthDate ?? t('members.ageText', { age: m.age, year: m.birthYear }),
              },
              { key: 'mobile', label: t('members.mobile'), children: m.mobile ?? none },
              { key: 'unit', label: t('members.unit'), children: unitLink(m.unitId, m.unitName) },
              {
                key: 'household',
                label: t('members.household'),
                children: m.household ? labels.household(m.household) : none,
              },
              {
                key: 'medical',
                label: t('members.medicalInsurance'),
                children: m.hasMedicalInsurance ? t('common.yes') : t('common.no'),
              },
              {
                key: 'bank',
                label: t('members.bankAccount'),
                children: (
                  <Space size={4}>
                    <span data-testid="member-bank-account">
                      {m.bankAccountMasked
                        ? `${m.bankName ?? ''} ${m.bankAccountMasked}`.trim()
                        : t('claimDetail.noBankAccountWarning')}
                    </span>
                    {can('member.bank_account') && (
                      <BankAccountButton memberId={m.id} hasAccount={!!m.bankAccountMasked} />
                    )}
                  </Space>
                ),
              },
              { key: 'createdAt', label: t('members.createdAt'), children: formatInstant(m.createdAt) },
            ]}
          />
        </Card>
        <Card title={t('members.unitHistory')}>
          <Table<UnitLink>
            rowKey={(h) => `${h.unitId}-${h.fromDate}`}
            size="small"
            pagination={false}
            dataSource={m.unitHistory}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            columns={[
              { title: t('members.unit'), key: 'unit', render: (_: unknown, h) => unitLink(h.unitId, h.unitName) },
              { title: t('members.fromDate'), dataIndex: 'fromDate', width: 160 },
              {
                title: t('members.toDate'),
                dataIndex: 'toDate',
                width: 160,
                render: (v: string | null) => v ?? <Tag color="green">{t('members.current')}</Tag>,
              },
            ]}
          />
        </Card>
        <Card title={t('members.policies')}>
          <MemberPolicies memberId={m.id} />
        </Card>
        {can('claim.read') && (
          <Card title={t('members.claims')}>
            <MemberClaims memberId={m.id} />
          </Card>
        )}
        {can('relief.read') && (
          <Card title={t('members.relief')}>
            <MemberRelief memberId={m.id} />
          </Card>
        )}
      </Space>
    </>
  );
}
