import {
  chinaDate,
  type FileReliefBody,
  formatFen,
  oneStopCategories,
  type ReliefCategoryCode,
  type ReliefEstimate,
} from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { memberApi, memberKeys } from '../../api/member.api.ts';
import { reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClaimFactsFields, type ClaimFactsForm } from '../claims/claim-facts-fields.tsx';
import { toBody } from '../claims/claim-new.page.tsx';
import { useClaimLabels } from '../claims/claim-labels.ts';
import { MemberPicker } from '../claims/member-picker.tsx';

interface ReliefForm extends Omit<ClaimFactsForm, 'eventDate'> {
  category: ReliefCategoryCode;
  eventDate: Dayjs;
  reason: string;
  withClaims: boolean;
}

/**
 * 新建救助申请: member, category, event date and reason; for illness, critical illness and accident the one-stop
 * part (慰问+理赔) assesses each policy at once and files the ticked claims with the application.
 */
export function ReliefNewPage() {
  const { t } = useI18n();
  const labels = useClaimLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { get, update } = useSearchState();
  const memberId = get('memberId');
  const [form] = Form.useForm<ReliefForm>();
  const category = Form.useWatch('category', form);
  const withClaims = Form.useWatch('withClaims', form);
  const kind = Form.useWatch('kind', form);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<ReliefEstimate | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const today = dayjs(chinaDate(new Date()));
  const isFuture = (d: Dayjs) => d.isAfter(today, 'day');

  const member = useQuery({
    queryKey: memberKeys.one(memberId ?? ''),
    queryFn: () => memberApi.get(memberId ?? ''),
    enabled: !!memberId,
  });
  const categories = useQuery({ queryKey: reliefKeys.categories, queryFn: reliefApi.categories });
  const chosen = useMemo(() => categories.data?.items.find((c) => c.code === category), [categories.data, category]);
  const oneStop = !!category && oneStopCategories.includes(category);
  const needsFacts = oneStop || category === 'critical_illness';

  const claimOf = (v: ReliefForm) => {
    const { memberId: _m, ...claim } = toBody(memberId ?? '', { ...v, eventDate: v.eventDate });
    return claim;
  };
  const estimateM = useMutation({
    mutationFn: (v: ReliefForm) => reliefApi.estimate(memberId ?? '', claimOf(v)),
    meta: { ownErrors: true },
    onSuccess: (e) => {
      setEstimate(e);
      setTicked(e.assessments.filter((a) => a.payable).map((a) => a.policyId));
    },
    onError: (e) => setRefusal(e.message),
  });
  const file = useMutation({
    mutationFn: (v: ReliefForm) => {
      const body: FileReliefBody = {
        memberId: memberId ?? '',
        category: v.category,
        eventDate: v.eventDate.format('YYYY-MM-DD'),
        reason: v.reason,
        ...(needsFacts && v.kind ? { claim: claimOf(v) } : {}),
        ...(oneStop && v.withClaims ? { withClaims: true, claimPolicyIds: ticked } : {}),
      };
      return reliefApi.file(body);
    },
    meta: { ownErrors: true },
    onSuccess: (r) => {
      queryClient.invalidateQueries({ queryKey: ['relief'] });
      queryClient.invalidateQueries({ queryKey: ['claims'] });
      navigate(`/relief/${encodeURIComponent(r.id)}`);
    },
    onError: (e) => setRefusal(e.message),
  });

  const validateThen = (fn: (v: ReliefForm) => void) => () =>
    form.validateFields().then((v) => {
      setRefusal(null);
      fn(v);
    });

  return (
    <>
      <PageHeader
        title={t('relief.new')}
        subtitle={t('relief.subtitle')}
        crumbs={[{ title: t('menu.relief'), to: '/relief' }, { title: t('relief.new') }]}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('relief.member')}>
          <div style={{ maxWidth: 480 }}>
            <MemberPicker
              value={memberId}
              current={
                member.data && { value: member.data.id, label: `${member.data.name}（${member.data.idNumberMasked}）` }
              }
              onChange={(id) => update({ memberId: id })}
            />
          </div>
        </Card>
        {member.data && (
          <Card title={t('relief.detail')}>
            {refusal && (
              <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} data-testid="relief-error" />
            )}
            <Form<ReliefForm>
              form={form}
              layout="vertical"
              style={{ maxWidth: 860 }}
              initialValues={{ cause: 'illness', outsideRegion: false, withClaims: true, policyId: '' }}
            >
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="category" label={t('relief.category')} rules={[{ required: true }]}>
                    <Select
                      data-testid="relief-category"
                      onChange={(c: ReliefCategoryCode) => {
                        setEstimate(null);
                        form.setFieldsValue({
                          kind:
                            c === 'critical_illness'
                              ? 'critical_illness'
                              : c === 'accident'
                                ? 'accident_medical'
                                : 'inpatient',
                          cause: c === 'accident' ? 'accident' : 'illness',
                        });
                      }}
                      options={(categories.data?.items ?? [])
                        .filter((c) => c.active && !c.batchOnly)
                        .map((c) => ({ value: c.code, label: `${c.name}（${formatFen(c.amountFen)}）` }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="eventDate" label={t('relief.eventDate')} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} disabledDate={isFuture} data-testid="relief-event-date" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    name="reason"
                    label={t('relief.reason')}
                    rules={[{ required: true, min: 2, max: 500 }]}
                    extra={chosen ? `${t('relief.catMaterials')}：${chosen.materials.join('、') || '—'}` : undefined}
                  >
                    <Input.TextArea rows={2} maxLength={500} data-testid="relief-reason" />
                  </Form.Item>
                </Col>
              </Row>
              {needsFacts && (
                <>
                  {oneStop && (
                    <Form.Item
                      name="withClaims"
                      valuePropName="checked"
                      label={t('relief.oneStop')}
                      extra={t('relief.oneStopHint')}
                    >
                      <Switch data-testid="relief-one-stop" />
                    </Form.Item>
                  )}
                  <Row gutter={16}>
                    <Col xs={24} md={12}>
                      <Form.Item name="kind" label={t('claims.kind')} rules={[{ required: true }]}>
                        <Select
                          data-testid="relief-claim-kind"
                          options={(
                            [
                              'critical_illness',
                              'inpatient',
                              'accident_medical',
                              'female_disease',
                              'disability',
                              'death',
                            ] as const
                          ).map((k) => ({ value: k, label: labels.kind(k) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name="cause" label={t('claims.cause')} rules={[{ required: true }]}>
                        <Radio.Group
                          options={(['illness', 'accident'] as const).map((c) => ({
                            value: c,
                            label: labels.cause(c),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <ClaimFactsFields kind={kind} diseases={[]} isFuture={isFuture} />
                  {oneStop && withClaims && (
                    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
                      <Button
                        onClick={validateThen((v) => estimateM.mutate(v))}
                        loading={estimateM.isPending}
                        data-testid="relief-estimate"
                      >
                        {t('relief.estimate')}
                      </Button>
                      {estimate && (
                        <Table
                          size="small"
                          rowKey="policyId"
                          pagination={false}
                          data-testid="relief-estimate-table"
                          // Narrow screens scroll the table sideways rather than squeeze each column to a letter.
                          scroll={{ x: 820 }}
                          dataSource={estimate.assessments}
                          columns={[
                            {
                              title: '',
                              key: 'tick',
                              width: 40,
                              render: (_, a) => (
                                <Checkbox
                                  disabled={!a.payable}
                                  checked={ticked.includes(a.policyId)}
                                  onChange={(e) =>
                                    setTicked((old) =>
                                      e.target.checked ? [...old, a.policyId] : old.filter((x) => x !== a.policyId),
                                    )
                                  }
                                />
                              ),
                            },
                            { title: t('claims.policy'), key: 'p', width: 200, render: (_, a) => a.productName },
                            {
                              // The policy's term on one line: a wrapped date is misread.
                              title: t('relief.policyTerm'),
                              key: 'term',
                              width: 190,
                              render: (_, a) => (
                                <span className="nowrap" data-testid="estimate-term">
                                  {a.policyStartDate}～{a.policyEndDate}
                                </span>
                              ),
                            },
                            {
                              // The claim's benefit (互助金) the engine estimates, not the relief amount.
                              title: <span className="nowrap">{t('relief.claimEstimate')}</span>,
                              key: 'amt',
                              width: 110,
                              align: 'right',
                              render: (_, a) => (
                                <span className="nowrap">
                                  {a.payable ? formatFen(a.amountFen) : t('relief.estimateNot')}
                                </span>
                              ),
                            },
                            { title: '', key: 'lines', render: (_, a) => a.lines.join('；') },
                          ]}
                        />
                      )}
                    </Space>
                  )}
                </>
              )}
              <Button
                type="primary"
                onClick={validateThen((v) => file.mutate(v))}
                loading={file.isPending}
                data-testid="relief-submit"
              >
                {t('relief.submit')}
              </Button>
            </Form>
          </Card>
        )}
      </Space>
    </>
  );
}
