import { formatFen, reliefLifecycle } from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Skeleton, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type ReliefView, reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { useCan } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';
import { useClaimLabels } from '../claims/claim-labels.ts';
import { ClaimStatusTag } from '../claims/claim-tags.tsx';
import { ReliefMaterials } from './relief-materials.tsx';
import { ReliefStatusTag } from './relief-tags.tsx';

type Action = 'review' | 'return' | 'reviewReject' | 'approve' | 'reject' | 'confirm' | 'dismiss' | 'resubmit';
const needsReason: Action[] = ['return', 'reviewReject', 'reject', 'dismiss'];

/** 救助申请详情: the application, its linked claims (一站式), and the step the caller may take next. */
export function ReliefDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const labels = useClaimLabels();
  const can = useCan();
  const queryClient = useQueryClient();
  const relief = useQuery({ queryKey: reliefKeys.one(id), queryFn: () => reliefApi.get(id) });
  const categories = useQuery({ queryKey: reliefKeys.categories, queryFn: reliefApi.categories });
  const [asking, setAsking] = useState<Action | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const act = useMutation({
    mutationFn: ({ action, reason }: { action: Action; reason?: string }) => {
      switch (action) {
        case 'review':
          return reliefApi.review(id, 'approve', reason);
        case 'return':
          return reliefApi.review(id, 'return', reason);
        case 'reviewReject':
          return reliefApi.review(id, 'reject', reason);
        case 'approve':
          return reliefApi.decide(id, 'approve', reason);
        case 'reject':
          return reliefApi.decide(id, 'reject', reason);
        case 'confirm':
          return reliefApi.confirm(id);
        case 'dismiss':
          return reliefApi.dismiss(id, reason ?? '');
        default:
          return reliefApi.resubmit(id);
      }
    },
    onSuccess: (r: ReliefView) => {
      queryClient.setQueryData(reliefKeys.one(id), r);
      queryClient.invalidateQueries({ queryKey: ['relief'] });
      setAsking(null);
      form.resetFields();
    },
  });
  if (relief.isPending) return <Skeleton active />;
  if (relief.isError) return <Alert type="error" showIcon title={relief.error.message} />;
  const r = relief.data;
  const allowed = (cmd: Parameters<typeof reliefLifecycle.can>[1]) => reliefLifecycle.can(r.status, cmd);
  const actions: { action: Action; label: MessageKey; primary?: boolean; danger?: boolean; show: boolean }[] = [
    { action: 'confirm', label: 'relief.confirm', primary: true, show: can('relief.review') && allowed('confirm') },
    { action: 'dismiss', label: 'relief.dismiss', show: can('relief.review') && allowed('dismiss') },
    { action: 'review', label: 'relief.approve', primary: true, show: can('relief.review') && allowed('review') },
    { action: 'return', label: 'relief.return', show: can('relief.review') && allowed('return') },
    {
      action: 'reviewReject',
      label: 'relief.reject',
      danger: true,
      show: can('relief.review') && r.status === 'applied',
    },
    {
      action: 'approve',
      label: 'relief.approve',
      primary: true,
      show: can('relief.decide') && r.status === 'reviewed',
    },
    { action: 'reject', label: 'relief.reject', danger: true, show: can('relief.decide') && r.status === 'reviewed' },
    { action: 'resubmit', label: 'relief.resubmit', show: can('relief.create') && allowed('resubmit') },
  ];
  const run = (action: Action) => (needsReason.includes(action) ? setAsking(action) : act.mutate({ action }));

  return (
    <>
      <PageHeader
        title={`${r.categoryName} · ${r.memberName}`}
        subtitle={r.number}
        crumbs={[{ title: t('menu.relief'), to: '/relief' }, { title: r.number }]}
        extra={
          <Space wrap>
            {actions
              .filter((a) => a.show)
              .map((a) => (
                <Button
                  key={a.action}
                  type={a.primary ? 'primary' : 'default'}
                  danger={a.danger}
                  loading={act.isPending && act.variables?.action === a.action}
                  onClick={() => run(a.action)}
                  data-testid={`relief-${a.action}`}
                >
                  {t(a.label)}
                </Button>
              ))}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {act.isError && <Alert type="error" showIcon title={act.error.message} data-testid="relief-action-error" />}
        <Card>
          <Descriptions
            column={{ xs: 1, md: 3 }}
            data-testid="relief-facts"
            items={[
              { key: 's', label: t('relief.status'), children: <ReliefStatusTag status={r.status} /> },
              { key: 'c', label: t('relief.category'), children: `${r.categoryName}（v${r.categoryVersion}）` },
              { key: 'a', label: t('relief.amount'), children: formatFen(r.amountFen) },
              {
                key: 'm',
                label: t('relief.member'),
                children: <Link to={`/members/${encodeURIComponent(r.memberId)}`}>{r.memberName}</Link>,
              },
              { key: 'e', label: t('relief.eventDate'), children: r.eventDate },
              { key: 'o', label: t('relief.origin'), children: t(`relief.origin.${r.origin}` as MessageKey) },
              { key: 'r', label: t('relief.reason'), span: 3, children: r.reason },
              ...(r.facts
                ? [
                    {
                      key: 'f',
                      label: t('relief.facts'),
                      span: 3,
                      children: [
                        r.facts.diseaseCode && `疾病 ${r.facts.diseaseCode}`,
                        r.facts.admissionDate && `住院 ${r.facts.admissionDate} ～ ${r.facts.dischargeDate ?? ''}`,
                        r.facts.selfPaidFen !== undefined && `个人自付 ${formatFen(r.facts.selfPaidFen)}`,
                      ]
                        .filter(Boolean)
                        .join('；'),
                    },
                  ]
                : []),
              ...(r.sourceClaimId
                ? [
                    {
                      key: 'src',
                      label: t('relief.origin.proactive'),
                      children: (
                        <Link to={`/claims/${encodeURIComponent(r.sourceClaimId)}`}>{r.sourceClaimId.slice(-8)}</Link>
                      ),
                    },
                  ]
                : []),
              { key: 'fa', label: t('relief.filedAt'), children: formatInstant(r.filedAt) },
              { key: 'ra', label: t('relief.review'), children: formatInstant(r.reviewedAt) },
              { key: 'da', label: t('relief.decision'), children: formatInstant(r.decidedAt) },
              { key: 'rn', label: t('relief.reviewNote'), children: r.reviewNote ?? '—' },
              { key: 'dr', label: t('relief.decisionReason'), children: r.decisionReason ?? '—' },
              { key: 'pa', label: t('relief.paidAt'), children: formatInstant(r.paidAt) },
            ]}
          />
        </Card>
        <Card title={t('relief.catMaterials')}>
          <ReliefMaterials
            relief={r}
            names={categories.data?.items.find((c) => c.code === r.category)?.materials ?? []}
            canUpload={can('relief.create') && ['proposed', 'applied', 'returned'].includes(r.status)}
          />
        </Card>
        <Card title={t('relief.claims')}>
          {r.claims.length === 0 ? (
            t('relief.claimsNone')
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              data-testid="relief-claims"
              dataSource={r.claims}
              columns={[
                {
                  title: t('relief.number'),
                  key: 'n',
                  render: (_, c) => <Link to={`/claims/${encodeURIComponent(c.id)}`}>{c.number}</Link>,
                },
                { title: t('claims.kind'), key: 'k', render: (_, c) => labels.kind(c.kind as never) },
                {
                  title: t('relief.status'),
                  key: 's',
                  render: (_, c) => <ClaimStatusTag status={c.status as never} />,
                },
                {
                  title: t('relief.estimatePayable'),
                  key: 'a',
                  align: 'right',
                  render: (_, c) => formatFen(c.assessedAmountFen),
                },
                {
                  title: t('relief.approve'),
                  key: 'ap',
                  align: 'right',
                  render: (_, c) => (c.approvedAmountFen === null ? '—' : formatFen(c.approvedAmountFen)),
                },
              ]}
            />
          )}
        </Card>
      </Space>
      <Modal
        open={asking !== null}
        title={asking ? t(actions.find((a) => a.action === asking)!.label) : ''}
        onCancel={() => setAsking(null)}
        onOk={() => form.validateFields().then((v) => act.mutate({ action: asking!, reason: v.reason.trim() }))}
        confirmLoading={act.isPending}
        okButtonProps={{ 'data-testid': 'relief-reason-ok' } as never}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('relief.reason')}
            rules={[{ required: true, min: 2, message: t('relief.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="relief-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
