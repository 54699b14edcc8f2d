import type { CampaignCreate } from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { orgApi, orgKeys } from '../../api/org.api.ts';
import { reportKeys, reportsApi } from '../../api/reports.api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface Values {
  name: string;
  period: [Dayjs, Dayjs];
  agencyIds?: string[];
  units: number;
  members: number;
  contributionsYuan: number;
}

const FIELDS = ['name', 'period', 'agencyIds'] as const;

/** 新建专项行动: name, period, the agencies in scope (none = the whole office) and the three targets. */
export function CampaignCreateModal(props: { open: boolean; onClose(): void; onCreated(id: string): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies, enabled: props.open });

  const create = useMutation({
    mutationFn: (body: CampaignCreate) => reportsApi.createCampaign(body),
    meta: { ownErrors: true },
    onSuccess: (campaign) => {
      message.success(t('campaigns.created'));
      queryClient.invalidateQueries({ queryKey: reportKeys.campaigns });
      form.resetFields();
      props.onCreated(campaign.id);
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, FIELDS)) setFormError(e.message);
    },
  });
  const required = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];

  return (
    <Modal
      title={t('campaigns.new')}
      open={props.open}
      width={640}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        setFormError(null);
        props.onClose();
      }}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ units: 0, members: 0, contributionsYuan: 0 }}
        onFinish={(v) => {
          setFormError(null);
          create.mutate({
            name: v.name,
            startDate: v.period[0].format('YYYY-MM-DD'),
            endDate: v.period[1].format('YYYY-MM-DD'),
            agencyIds: v.agencyIds ?? [],
            targets: {
              units: v.units,
              members: v.members,
              contributionsFen: Math.round(v.contributionsYuan * 100),
            },
          });
        }}
      >
        <Form.Item name="name" label={t('campaigns.name')} rules={required(t('campaigns.name'))}>
          <Input maxLength={100} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item name="period" label={t('campaigns.period')} rules={required(t('campaigns.period'))}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="agencyIds" label={t('campaigns.agencies')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('campaigns.allAgencies')}
            showSearch={{ optionFilterProp: 'label' }}
            loading={agencies.isPending}
            options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="units" label={t('campaigns.targetUnits')} rules={required(t('campaigns.targetUnits'))}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="members"
              label={t('campaigns.targetMembers')}
              rules={required(t('campaigns.targetMembers'))}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="contributionsYuan"
              label={t('campaigns.targetContributions')}
              rules={required(t('campaigns.targetContributions'))}
            >
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
