import { fenToYuanText, parseYuan } from '@huzhu/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../api/http-client.ts';
import { type Product, type ProductParams, productApi } from '../api/product.api.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface PublishForm {
  name: string;
  feeYuan: string;
  sponsorFeeYuan?: string;
  minShares: number;
  maxShares: number;
  termLength: number;
  termUnit: 'months' | 'days';
  minAge: number;
  maxAge: number;
  sex: ProductParams['sex'];
  requiresMedicalInsurance: boolean;
  exclusiveGroup?: string;
  waitingIllness: number;
  waitingAccident: number;
  graceDays: number;
  minParticipationPct?: string | null;
  claimDeadlineDays: number;
  salesFrom?: Dayjs | null;
  salesTo?: Dayjs | null;
}

/** Where the server's field paths land in this form (it edits the common numbers; the rest is carried over). */
const fieldOfPath: Record<string, keyof PublishForm> = {
  name: 'name',
  feePerShareFen: 'feeYuan',
  sponsorFeeFen: 'sponsorFeeYuan',
  minShares: 'minShares',
  maxShares: 'maxShares',
  'term.length': 'termLength',
  'term.unit': 'termUnit',
  minAge: 'minAge',
  maxAge: 'maxAge',
  sex: 'sex',
  requiresMedicalInsurance: 'requiresMedicalInsurance',
  exclusiveGroup: 'exclusiveGroup',
  'waitingDays.illness': 'waitingIllness',
  'waitingDays.accident': 'waitingAccident',
  graceDays: 'graceDays',
  minParticipationBp: 'minParticipationPct',
  claimDeadlineDays: 'claimDeadlineDays',
  salesFrom: 'salesFrom',
  salesTo: 'salesTo',
};

/** A percentage with two decimals converts to basis points exactly as yuan convert to fen (× 100, no floats). */
const percentToBp = (text: string) => parseYuan(text);

function toForm(p: Product): PublishForm {
  return {
    name: p.name,
    feeYuan: fenToYuanText(p.feePerShareFen),
    sponsorFeeYuan: p.sponsorFeeFen === undefined ? undefined : fenToYuanText(p.sponsorFeeFen),
    minShares: p.minShares,
    maxShares: p.maxShares,
    termLength: p.term.length,
    termUnit: p.term.unit,
    minAge: p.minAge,
    maxAge: p.maxAge,
    sex: p.sex,
    requiresMedicalInsurance: p.requiresMedicalInsurance,
    exclusiveGroup: p.exclusiveGroup ?? undefined,
    waitingIllness: p.waitingDays.illness,
    waitingAccident: p.waitingDays.accident,
    graceDays: p.graceDays,
    minParticipationPct: p.minParticipationBp === null ? null : fenToYuanText(p.minParticipationBp),
    claimDeadlineDays: p.claimDeadlineDays,
    salesFrom: p.salesFrom ? dayjs(p.salesFrom) : null,
    salesTo: p.salesTo ? dayjs(p.salesTo) : null,
  };
}

/** The new version's parameters: edited numbers over the current version, benefits and diseases unchanged. */
function toParams(p: Product, f: PublishForm): ProductParams {
  const { id: _id, code: _code, version: _v, publishedAt: _at, ...current } = p;
  const sponsor = f.sponsorFeeYuan ? parseYuan(String(f.sponsorFeeYuan)) : null;
  const pct = f.minParticipationPct ? percentToBp(String(f.minParticipationPct)) : null;
  return {
    ...current,
    name: f.name,
    // The form's number inputs only hold decimal text, which always parses.
    feePerShareFen: parseYuan(String(f.feeYuan))!,
    ...(sponsor !== null ? { sponsorFeeFen: sponsor } : {}),
    minShares: f.minShares,
    maxShares: f.maxShares,
    term: { unit: f.termUnit, length: f.termLength },
    minAge: f.minAge,
    maxAge: f.maxAge,
    sex: f.sex,
    requiresMedicalInsurance: f.requiresMedicalInsurance,
    exclusiveGroup: f.exclusiveGroup?.trim() ? f.exclusiveGroup.trim() : null,
    waitingDays: { illness: f.waitingIllness, accident: f.waitingAccident },
    graceDays: f.graceDays,
    minParticipationBp: pct,
    claimDeadlineDays: f.claimDeadlineDays,
    salesFrom: f.salesFrom ? f.salesFrom.format('YYYY-MM-DD') : null,
    salesTo: f.salesTo ? f.salesTo.format('YYYY-MM-DD') : null,
  };
}

export function ProductPublishModal(props: {
  product: Product;
  open: boolean;
  onClose(): void;
  onPublished(p: Product): void;
}) {
  const { product } = props;
  const { t, labels } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PublishForm>();
  const [unplaced, setUnplaced] = useState<string[]>([]);

  const publish = useMutation({
    mutationFn: (f: PublishForm) => productApi.publish(product.code, toParams(product, f)),
    meta: { ownErrors: true },
    onSuccess: (published) => {
      message.success(t('products.published', { v: published.version }));
      queryClient.invalidateQueries({ queryKey: ['products'] });
      props.onPublished(published);
      props.onClose();
    },
    onError: (e) => {
      const placed: { name: keyof PublishForm; errors: string[] }[] = [];
      const rest: string[] = [];
      if (e instanceof ApiError && Array.isArray(e.details)) {
        for (const d of e.details as { path?: string; message?: string }[]) {
          const name = d.path ? fieldOfPath[d.path] : undefined;
          if (name) placed.push({ name, errors: [d.message ?? e.message] });
          else rest.push(d.path ? `${d.path}：${d.message ?? ''}` : (d.message ?? e.message));
        }
      }
      form.setFields(placed);
      setUnplaced(placed.length === 0 && rest.length === 0 ? [e.message] : rest);
    },
  });

  const num = (name: keyof PublishForm, label: string, min = 0, max?: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('common.required', { field: label }) }]}>
      <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <Modal
      title={t('products.publishTitle', { code: product.code })}
      open={props.open}
      width={820}
      okText={t('products.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      afterOpenChange={(open) => open && setUnplaced([])}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('products.publishNote', { v: product.version + 1 })}
      </Typography.Paragraph>
      {unplaced.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('products.serverErrors')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {unplaced.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
          data-testid="publish-errors"
        />
      )}
      <Form<PublishForm>
        form={form}
        layout="vertical"
        initialValues={toForm(product)}
        onFinish={(v) => {
          setUnplaced([]);
          publish.mutate(v);
        }}
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('products.name')} rules={[{ required: true, min: 2, max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="feeYuan" label={t('products.feeYuan')} rules={[{ required: true }]}>
              <InputNumber min="0" precision={2} stringMode style={{ width: '100%' }} prefix="¥" />
            </Form.Item>
          </Col>
          {product.sponsorFeeFen !== undefined && (
            <Col span={8}>
              <Form.Item name="sponsorFeeYuan" label={t('products.sponsorFeeYuan')}>
                <InputNumber min="0" precision={2} stringMode style={{ width: '100%' }} prefix="¥" />
              </Form.Item>
            </Col>
          )}
          <Col span={4}>{num('minShares', t('products.minShares'), 1, 100)}</Col>
          <Col span={4}>{num('maxShares', t('products.maxShares'), 1, 100)}</Col>
          <Col span={4}>{num('termLength', t('products.termLength'), 1, 120)}</Col>
          <Col span={4}>
            <Form.Item name="termUnit" label={t('products.termUnit')}>
              <Select
                options={[
                  { value: 'months', label: t('products.unitMonths') },
                  { value: 'days', label: t('products.unitDays') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={4}>{num('minAge', t('products.minAge'), 0, 120)}</Col>
          <Col span={4}>{num('maxAge', t('products.maxAge'), 0, 120)}</Col>
          <Col span={6}>{num('waitingIllness', t('products.waitingIllness'), 0, 730)}</Col>
          <Col span={6}>{num('waitingAccident', t('products.waitingAccident'), 0, 730)}</Col>
          <Col span={6}>{num('graceDays', t('products.graceDaysField'), 0, 365)}</Col>
          <Col span={6}>{num('claimDeadlineDays', t('products.claimDeadlineField'), 1, 3650)}</Col>
          <Col span={6}>
            <Form.Item name="sex" label={t('products.sex')}>
              <Select
                options={(['any', 'female', 'male'] as const).map((s) => ({ value: s, label: labels.productSex(s) }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="requiresMedicalInsurance" label={t('products.medicalInsurance')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="exclusiveGroup" label={t('products.exclusiveGroup')} tooltip={t('products.groupHint')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="minParticipationPct" label={t('products.minParticipationField')}>
              <InputNumber min="0" max="100" precision={2} stringMode style={{ width: '100%' }} suffix="%" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="salesFrom" label={t('products.salesFrom')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="salesTo" label={t('products.salesTo')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
