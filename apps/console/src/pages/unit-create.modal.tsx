import { type CreateUnitBody, parseCreditCode, type Unit, unitCategories } from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { applyServerErrors, compact } from '../components/form-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

const FIELDS = [
  'name',
  'creditCode',
  'category',
  'industry',
  'agencyId',
  'headcount',
  'femaleHeadcount',
  'contactName',
  'contactPhone',
] as const;

/** 新增单位: a checksum mismatch in the credit code is allowed (pilot-era codes exist) and shown as a warning. */
export function UnitCreateModal(props: { open: boolean; onClose(): void; onCreated(unit: Unit): void }) {
  const { t, labels } = useI18n();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<CreateUnitBody>();
  const queryClient = useQueryClient();
  const [checksumHint, setChecksumHint] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies, enabled: props.open });

  const create = useMutation({
    mutationFn: (body: CreateUnitBody) => orgApi.createUnit(compact(body)),
    meta: { ownErrors: true },
    onSuccess: (unit) => {
      queryClient.invalidateQueries({ queryKey: ['units'] });
      form.resetFields();
      setChecksumHint(false);
      props.onClose();
      if (unit.warnings && unit.warnings.length > 0) {
        modal.warning({
          title: t('units.createdWithWarning'),
          content: (
            <ul style={{ paddingLeft: 18, margin: 0 }} data-testid="unit-warnings">
              {unit.warnings.map((w) => (
                <li key={w.code}>
                  {w.message}（{w.code}）
                </li>
              ))}
            </ul>
          ),
          onOk: () => props.onCreated(unit),
        });
      } else {
        message.success(t('units.created'));
        props.onCreated(unit);
      }
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, FIELDS)) setFormError(e.message);
    },
  });

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  return (
    <Modal
      title={t('units.create')}
      open={props.open}
      width={720}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<CreateUnitBody>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setFormError(null);
          create.mutate(v);
        }}
        onValuesChange={(changed: Partial<CreateUnitBody>) => {
          if (changed.creditCode !== undefined) {
            const parsed = parseCreditCode(changed.creditCode);
            setChecksumHint(parsed.ok && !parsed.value.checksumValid);
          }
        }}
      >
        <Form.Item name="name" label={t('units.name')} rules={[...required(t('units.name')), { min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label={t('units.creditCode')}
              validateStatus={checksumHint ? 'warning' : undefined}
              help={checksumHint ? t('units.checksumWarning') : undefined}
              rules={[
                ...required(t('units.creditCode')),
                {
                  validator: (_, v?: string) =>
                    !v || parseCreditCode(v).ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('units.creditCodeFormat'))),
                },
              ]}
            >
              <Input maxLength={40} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="category" label={t('units.category')} rules={required(t('units.category'))}>
              <Select options={unitCategories.map((c) => ({ value: c, label: labels.unitCategory(c) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="agencyId" label={t('units.agency')} rules={required(t('units.agency'))}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={agencies.isPending}
                options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="industry" label={t('units.industry')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="headcount" label={t('units.headcount')} rules={required(t('units.headcount'))}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="femaleHeadcount"
              label={t('units.femaleHeadcount')}
              dependencies={['headcount']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v?: number) =>
                    v === undefined || v === null || v <= (getFieldValue('headcount') ?? 0)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('units.femaleTooMany'))),
                }),
              ]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactName" label={t('units.contactName')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPhone" label={t('units.contactPhone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
