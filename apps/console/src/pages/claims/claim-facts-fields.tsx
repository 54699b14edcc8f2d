import type { ClaimKind } from '@huzhu/core';
import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/i18n.tsx';

export interface ClaimFactsForm {
  kind: ClaimKind;
  cause: 'illness' | 'accident';
  policyId?: string;
  eventDate: Dayjs;
  diseaseCode?: string;
  inSitu?: boolean;
  admissionDate?: Dayjs;
  dischargeDate?: Dayjs;
  totalExpensesYuan?: string;
  selfPaidYuan?: string;
  invoiceNumbers?: string[];
  disabilityGrade?: number;
  hospital?: string;
  outsideRegion?: boolean;
}

/** Which facts each kind of claim needs (product.md §5): the form shows only those, so nothing irrelevant is typed. */
export const factsOfKind: Record<ClaimKind, { disease: boolean; stay: boolean; expenses: boolean; grade: boolean }> = {
  critical_illness: { disease: true, stay: false, expenses: false, grade: false },
  female_disease: { disease: true, stay: false, expenses: false, grade: false },
  inpatient: { disease: false, stay: true, expenses: true, grade: false },
  accident_medical: { disease: false, stay: false, expenses: true, grade: false },
  disability: { disease: false, stay: false, expenses: false, grade: true },
  death: { disease: false, stay: false, expenses: false, grade: false },
};

const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

/** The kind-specific facts of a claim; dates are China-calendar days and can never lie ahead of today. */
export function ClaimFactsFields(props: {
  kind: ClaimKind | undefined;
  diseases: { code: string; name: string }[];
  isFuture: (d: Dayjs) => boolean;
}) {
  const { t } = useI18n();
  const facts = props.kind ? factsOfKind[props.kind] : null;
  if (!facts) return null;
  const yuanRule = { pattern: YUAN, message: t('claimNew.yuanInvalid') };
  return (
    <Row gutter={16}>
      {facts.disease && (
        <>
          <Col xs={24} md={12}>
            <Form.Item name="diseaseCode" label={t('claims.disease')} rules={[{ required: true }]}>
              <Select
                data-testid="claim-disease"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('claimNew.diseasePlaceholder')}
                options={props.diseases.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
              />
            </Form.Item>
          </Col>
          {props.kind === 'female_disease' && (
            <Col xs={24} md={12}>
              <Form.Item
                name="inSitu"
                label={t('claims.inSitu')}
                valuePropName="checked"
                extra={t('claimNew.inSituHint')}
              >
                <Switch data-testid="claim-in-situ" />
              </Form.Item>
            </Col>
          )}
        </>
      )}
      {facts.stay && (
        <>
          <Col xs={24} md={12}>
            <Form.Item name="admissionDate" label={t('claims.admissionDate')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={props.isFuture} data-testid="claim-admission" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="dischargeDate"
              label={t('claims.dischargeDate')}
              dependencies={['admissionDate']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator(_, v?: Dayjs) {
                    const from = getFieldValue('admissionDate') as Dayjs | undefined;
                    return v && from && v.isBefore(from, 'day')
                      ? Promise.reject(new Error(t('claimNew.dischargeBeforeAdmission')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={props.isFuture} data-testid="claim-discharge" />
            </Form.Item>
          </Col>
        </>
      )}
      {facts.expenses && (
        <>
          <Col xs={24} md={12}>
            <Form.Item
              name="totalExpensesYuan"
              label={t('claims.totalExpenses')}
              rules={[{ required: true }, yuanRule]}
            >
              <Input prefix="¥" inputMode="decimal" data-testid="claim-expenses" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="selfPaidYuan"
              label={t('claims.selfPaid')}
              extra={t('claimNew.selfPaidHint')}
              dependencies={['totalExpensesYuan']}
              rules={[
                { required: true },
                yuanRule,
                ({ getFieldValue }) => ({
                  validator(_, v?: string) {
                    const total = Number(getFieldValue('totalExpensesYuan'));
                    return v && Number(v) > total
                      ? Promise.reject(new Error(t('claimNew.selfPaidAboveTotal')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input prefix="¥" inputMode="decimal" data-testid="claim-self-paid" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="invoiceNumbers" label={t('claims.invoices')} extra={t('claimNew.invoicesHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} suffixIcon={null} data-testid="claim-invoices" />
            </Form.Item>
          </Col>
        </>
      )}
      {facts.grade && (
        <Col xs={24} md={12}>
          <Form.Item name="disabilityGrade" label={t('claims.disabilityGrade')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} data-testid="claim-grade" />
          </Form.Item>
        </Col>
      )}
      {(facts.stay || facts.expenses) && (
        <>
          <Col xs={24} md={12}>
            <Form.Item name="hospital" label={t('claims.hospital')}>
              <Input maxLength={100} data-testid="claim-hospital" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="outsideRegion" label={t('claims.outsideRegion')}>
              <Radio.Group
                options={[
                  { value: false, label: t('common.no') },
                  { value: true, label: t('common.yes') },
                ]}
              />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}
