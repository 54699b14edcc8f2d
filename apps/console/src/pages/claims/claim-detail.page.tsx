import { chinaDate, formatFen } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type ClaimView, claimKeys, claimsApi } from '../../api/claims.api.ts';
import { useCan } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { BankAccountButton } from './bank-account.modal.tsx';
import { ClaimActions } from './claim-actions.tsx';
import { ClaimAssessments } from './claim-assessments.tsx';
import { ClaimHistory } from './claim-history.tsx';
import { useClaimLabels } from './claim-labels.ts';
import { ClaimMaterials } from './claim-materials.tsx';
import { ClaimChannelTag, ClaimFlags, ClaimStatusTag, DueDate } from './claim-tags.tsx';
import { ClaimReliefLink } from '../relief/claim-relief-link.tsx';

/** The facts as filed: only those present are listed, so each kind of claim reads naturally. */
function ClaimFacts({ claim: c }: { claim: ClaimView }) {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const can = useCan();
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  const optional: { key: string; label: string; value: unknown; show: React.ReactNode }[] = [
    { key: 'disease', label: t('claims.disease'), value: c.diseaseCode, show: c.diseaseCode },
    { key: 'inSitu', label: t('claims.inSitu'), value: c.inSitu, show: c.inSitu !== undefined && yesNo(c.inSitu) },
    { key: 'admission', label: t('claims.admissionDate'), value: c.admissionDate, show: c.admissionDate },
    { key: 'discharge', label: t('claims.dischargeDate'), value: c.dischargeDate, show: c.dischargeDate },
    {
      key: 'expenses',
      label: t('claimDetail.totalExpenses'),
      value: c.totalExpensesFen,
      show: c.totalExpensesFen !== undefined && formatFen(c.totalExpensesFen),
    },
    {
      key: 'selfPaid',
      label: t('claimDetail.selfPaid'),
      value: c.selfPaidFen,
      show: c.selfPaidFen !== undefined && formatFen(c.selfPaidFen),
    },
    {
      key: 'invoices',
      label: t('claims.invoices'),
      value: c.invoiceNumbers.length || undefined,
      show: c.invoiceNumbers.map((n) => <Tag key={n}>{n}</Tag>),
    },
    { key: 'grade', label: t('claims.disabilityGrade'), value: c.disabilityGrade, show: c.disabilityGrade },
    { key: 'hospital', label: t('claims.hospital'), value: c.hospital, show: c.hospital },
    {
      key: 'outside',
      label: t('claims.outsideRegion'),
      value: c.outsideRegion,
      show: c.outsideRegion !== undefined && yesNo(c.outsideRegion),
    },
  ];
  return (
    <Descriptions
      column={1}
      size="small"
      data-testid="claim-facts"
      items={[
        {
          key: 'member',
          label: t('claims.member'),
          children: can('member.read') ? (
            <Link to={`/members/${encodeURIComponent(c.memberId)}`}>{c.memberName}</Link>
          ) : (
            c.memberName
          ),
        },
        { key: 'id', label: t('claims.idNumber'), children: c.idNumberMasked },
        { key: 'unit', label: t('claims.unit'), children: c.unitName ?? t('common.none') },
        { key: 'kind', label: t('claims.kind'), children: `${labels.kind(c.kind)} · ${labels.cause(c.cause)}` },
        { key: 'event', label: t('claims.eventDate'), children: c.eventDate },
        ...optional.filter((o) => o.value !== undefined).map((o) => ({ key: o.key, label: o.label, children: o.show })),
        {
          key: 'bank',
          label: t('claims.bankAccount'),
          children: (
            <span data-testid="claim-bank-account">
              {c.bankAccountMasked ? `${c.bankName ?? ''} ${c.bankAccountMasked}` : t('claimDetail.noBankAccount')}
              {can('member.bank_account') && c.status !== 'paid' && (
                <BankAccountButton memberId={c.memberId} claimId={c.id} hasAccount={!!c.bankAccountMasked} />
              )}
            </span>
          ),
        },
      ]}
    />
  );
}

function ClaimProgress({ claim: c }: { claim: ClaimView }) {
  const { t } = useI18n();
  const none = t('common.none');
  return (
    <Descriptions
      column={{ xs: 1, md: 3 }}
      size="small"
      data-testid="claim-progress"
      items={[
        { key: 'filed', label: t('claimDetail.filedOn'), children: c.filedOn },
        { key: 'accepted', label: t('claims.acceptedAt'), children: formatInstant(c.acceptedAt) },
        {
          key: 'due',
          label: t('claims.dueDate'),
          children: <DueDate dueDate={c.dueDate} overdue={c.overdue} today={chinaDate(new Date())} />,
        },
        { key: 'assessed', label: t('claimDetail.assessed'), children: formatFen(c.assessedAmountFen) },
        {
          key: 'approved',
          label: t('claimDetail.approved'),
          children: c.approvedAmountFen === null ? none : <strong>{formatFen(c.approvedAmountFen)}</strong>,
        },
        { key: 'decided', label: t('claimDetail.decidedAt'), children: formatInstant(c.decidedAt) },
        ...(c.decisionReason
          ? [{ key: 'why', label: t('claimDetail.decisionReason'), children: c.decisionReason }]
          : []),
        ...(c.overrideReason
          ? [{ key: 'ovr', label: t('claimDetail.overrideReason'), children: c.overrideReason }]
          : []),
        ...(c.paidAt ? [{ key: 'paid', label: t('claimDetail.paidAt'), children: formatInstant(c.paidAt) }] : []),
      ]}
    />
  );
}

/** 申领详情 / reviewer workbench: member, facts and materials beside the engine's explanation, then the history. */
export function ClaimDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const labels = useClaimLabels();
  const can = useCan();
  const claim = useQuery({ queryKey: claimKeys.one(id), queryFn: () => claimsApi.get(id) });
  const [refusal, setRefusal] = useState<{ message: string; missing: number[] | null; status: string } | null>(null);
  const crumbs = [{ title: t('menu.claims'), to: '/claims' }, { title: t('claimDetail.title') }];

  if (claim.isError || claim.isPending) {
    return (
      <>
        <PageHeader title={t('claimDetail.title')} crumbs={crumbs} />
        <Card>
          {claim.isError ? (
            <LoadError
              error={claim.error}
              notFound={t('claimDetail.notFound')}
              back={{ to: '/claims', label: t('common.back') }}
            />
          ) : (
            <Skeleton active paragraph={{ rows: 8 }} />
          )}
        </Card>
      </>
    );
  }

  const c = claim.data;
  const canUpload = can('claim.create') && ['submitted', 'prechecked', 'returned'].includes(c.status);
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="claim-title">{`${c.memberName} · ${labels.kind(c.kind)}`}</span>
            <ClaimStatusTag status={c.status} />
            <ClaimChannelTag channel={c.channel} />
            <ClaimFlags flags={c.flags} />
          </Space>
        }
        subtitle={t('claimDetail.subtitle', { date: c.eventDate, unit: c.unitName ?? t('common.none') })}
        crumbs={crumbs}
        extra={
          <ClaimActions
            claim={c}
            onRefused={(message, missing) => setRefusal({ message, missing, status: c.status })}
          />
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {/* A refusal belongs to the status it was given in; once the claim moves on it no longer applies. */}
        {refusal?.status === c.status && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setRefusal(null) }}
            data-testid="claim-refusal"
            title={refusal.message}
            description={refusal.missing?.map((s) => `${s}. ${labels.slot(s)}`).join('；')}
          />
        )}
        {c.status === 'returned' && c.returnReason && (
          <Alert type="warning" showIcon title={t('claimDetail.returnedAlert', { reason: c.returnReason })} />
        )}
        <Card>
          <ClaimProgress claim={c} />
        </Card>
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <ClaimReliefLink claimId={c.id} />
              <Card title={t('claimDetail.facts')}>
                <ClaimFacts claim={c} />
              </Card>
              <Card title={t('claimDetail.materials')}>
                <ClaimMaterials claim={c} canUpload={canUpload} />
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={14}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card title={t('claimDetail.assessments')}>
                <ClaimAssessments claim={c} />
              </Card>
              <Card title={t('claimDetail.history')}>
                <ClaimHistory claim={c} />
              </Card>
            </Space>
          </Col>
        </Row>
      </Space>
    </>
  );
}
