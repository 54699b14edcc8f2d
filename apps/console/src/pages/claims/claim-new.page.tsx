import { type ClaimKind, chinaDate, claimKinds, type FileClaimBody, parseYuan } from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Spin,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { claimsApi } from '../../api/claims.api.ts';
import { enrolmentApi, enrolmentKeys } from '../../api/enrolment.api.ts';
import { memberApi, memberKeys } from '../../api/member.api.ts';
import { productApi, productKeys } from '../../api/product.api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClaimFactsFields, type ClaimFactsForm, factsOfKind } from './claim-facts-fields.tsx';
import { useClaimLabels } from './claim-labels.ts';
import { MemberPicker } from './member-picker.tsx';

const FIELDS = [
  'kind',
  'cause',
  'policyId',
  'eventDate',
  'diseaseCode',
  'admissionDate',
  'dischargeDate',
  'totalExpensesFen',
  'selfPaidFen',
  'invoiceNumbers',
  'disabilityGrade',
] as const;

const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');
const fen = (yuan?: string) => (yuan ? (parseYuan(yuan) ?? undefined) : undefined);

/** Only the facts the chosen kind needs go to the server; a field left over from another kind would be refused. */
export function toBody(memberId: string, v: ClaimFactsForm): FileClaimBody {
  const f = factsOfKind[v.kind];
  return {
    memberId,
    policyId: v.policyId || undefined,
    kind: v.kind,
    cause: v.cause,
    eventDate: day(v.eventDate)!,
    ...(f.disease ? { diseaseCode: v.diseaseCode, inSitu: v.kind === 'female_disease' ? !!v.inSitu : undefined } : {}),
    ...(f.stay ? { admissionDate: day(v.admissionDate), dischargeDate: day(v.dischargeDate) } : {}),
    ...(f.expenses
      ? {
          totalExpensesFen: fen(v.totalExpensesYuan),
          selfPaidFen: fen(v.selfPaidYuan),
          invoiceNumbers: v.invoiceNumbers?.length ? v.invoiceNumbers : undefined,
        }
      : {}),
    ...(f.grade ? { disabilityGrade: v.disabilityGrade } : {}),
    ...(f.stay || f.expenses ? { hospital: v.hospital?.trim() || undefined, outsideRegion: !!v.outsideRegion } : {}),
  };
}

/**
 * 新建申领: for one member, the facts its kind needs; the server's benefit engine assesses it at once, and the claim
 * page that follows shows the assessment and takes the (at most three) materials.
 */
export function ClaimNewPage() {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { get, update } = useSearchState();
  const memberId = get('memberId');
  const [form] = Form.useForm<ClaimFactsForm>();
  const kind = Form.useWatch('kind', form);
  const [refusal, setRefusal] = useState<string | null>(null);
  const today = dayjs(chinaDate(new Date()));
  const isFuture = (d: Dayjs) => d.isAfter(today, 'day');

  const member = useQuery({
    queryKey: memberKeys.one(memberId ?? ''),
    queryFn: () => memberApi.get(memberId ?? ''),
    enabled: !!memberId,
  });
  const policies = useQuery({
    queryKey: enrolmentKeys.memberPolicies(memberId ?? ''),
    queryFn: () => enrolmentApi.memberPolicies(memberId ?? ''),
    enabled: !!memberId,
  });
  const products = useQuery({ queryKey: productKeys.list, queryFn: productApi.list });

  // The kinds and diseases the member's policies can pay for; with no policy the server refuses with the reason.
  const covered = useMemo(() => {
    const codes = new Set((policies.data?.items ?? []).map((p) => p.productCode));
    const mine = (products.data ?? []).filter((p) => codes.has(p.code));
    const kinds = new Set(mine.flatMap((p) => p.benefits.flatMap((b) => b.claimKinds)));
    return { mine, kinds: claimKinds.filter((k) => kinds.size === 0 || kinds.has(k)) };
  }, [policies.data, products.data]);
  const diseases = useMemo(() => {
    const seen = new Map<string, { code: string; name: string }>();
    for (const p of covered.mine) {
      if (!kind || !p.benefits.some((b) => b.claimKinds.includes(kind))) continue;
      for (const d of p.diseases) seen.set(d.code, d);
    }
    return [...seen.values()];
  }, [covered.mine, kind]);

  const file = useMutation({
    mutationFn: (v: ClaimFactsForm) => claimsApi.file(toBody(memberId ?? '', v)),
    meta: { ownErrors: true },
    onSuccess: (claim) => {
      queryClient.invalidateQueries({ queryKey: ['claims'] });
      queryClient.setQueryData(['claim', claim.id], claim);
      navigate(`/claims/${encodeURIComponent(claim.id)}`);
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, FIELDS)) setRefusal(e.message);
    },
  });

  const onKind = (k: ClaimKind) => {
    form.setFieldValue(
      'cause',
      k === 'accident_medical' || k === 'disability' || k === 'death' ? 'accident' : 'illness',
    );
  };

  return (
    <>
      <PageHeader
        title={t('claims.new')}
        subtitle={t('claimNew.subtitle')}
        crumbs={[{ title: t('menu.claims'), to: '/claims' }, { title: t('claims.new') }]}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('claimNew.member')}>
          <div style={{ maxWidth: 480, marginBottom: memberId ? 16 : 0 }}>
            <MemberPicker
              value={memberId}
              current={
                member.data && { value: member.data.id, label: `${member.data.name}（${member.data.idNumberMasked}）` }
              }
              onChange={(id) => update({ memberId: id })}
            />
          </div>
          {memberId && member.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
          {member.isError && <Alert type="error" showIcon title={member.error.message} />}
          {member.data && (
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              data-testid="claim-member-facts"
              items={[
                { key: 'name', label: t('claims.member'), children: member.data.name },
                { key: 'id', label: t('claims.idNumber'), children: member.data.idNumberMasked },
                {
                  key: 'policies',
                  label: t('claimNew.policies'),
                  children: policies.isPending ? (
                    <Spin size="small" />
                  ) : (
                    (policies.data?.items ?? [])
                      .map((p) => `${p.productName}（${p.startDate}～${p.endDate}）`)
                      .join('；') || t('claimNew.noPolicies')
                  ),
                },
              ]}
            />
          )}
        </Card>
        {member.data && (
          <Card title={t('claimNew.facts')}>
            {refusal && (
              <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} data-testid="claim-error" />
            )}
            <Form<ClaimFactsForm>
              form={form}
              layout="vertical"
              style={{ maxWidth: 860 }}
              initialValues={{ cause: 'illness', outsideRegion: false, policyId: '' }}
              onFinish={(v) => {
                setRefusal(null);
                file.mutate(v);
              }}
            >
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="kind" label={t('claims.kind')} rules={[{ required: true }]}>
                    <Select
                      data-testid="claim-kind"
                      onChange={onKind}
                      options={covered.kinds.map((k) => ({ value: k, label: labels.kind(k) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="cause" label={t('claims.cause')} rules={[{ required: true }]}>
                    <Radio.Group
                      data-testid="claim-cause"
                      options={(['illness', 'accident'] as const).map((c) => ({ value: c, label: labels.cause(c) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="eventDate" label={t('claims.eventDate')} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} disabledDate={isFuture} data-testid="claim-event-date" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="policyId" label={t('claims.policy')} extra={t('claimNew.policyHint')}>
                    <Select
                      data-testid="claim-policy"
                      options={[
                        { value: '', label: t('claimNew.anyPolicy') },
                        ...(policies.data?.items ?? []).map((p) => ({
                          value: p.id,
                          label: `${p.productName}（${p.startDate}～${p.endDate}）`,
                        })),
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <ClaimFactsFields kind={kind} diseases={diseases} isFuture={isFuture} />
              <Button type="primary" htmlType="submit" loading={file.isPending} data-testid="claim-submit">
                {t('claimNew.submit')}
              </Button>
            </Form>
          </Card>
        )}
      </Space>
    </>
  );
}
