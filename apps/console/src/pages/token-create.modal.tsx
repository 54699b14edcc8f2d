import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { adminApi, adminKeys, type CreatedToken, type NewToken } from '../api/admin.api.ts';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { applyServerErrors, compact } from '../components/form-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Roles a token may carry (CreateApiTokenBody): integrations act as office or agency staff, never as a person. */
const tokenRoles = ['office_admin', 'office_reviewer', 'office_finance', 'agency_staff'] as const;
const FIELDS = ['name', 'role', 'agencyId'] as const;

export function TokenCreateModal(props: { open: boolean; onClose(): void; onCreated(token: CreatedToken): void }) {
  const { t, labels } = useI18n();
  const [form] = Form.useForm<NewToken>();
  const role = Form.useWatch('role', form);
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies, enabled: props.open });

  const create = useMutation({
    mutationFn: (body: NewToken) => adminApi.createToken(compact(body)),
    meta: { ownErrors: true },
    onSuccess: (token) => {
      queryClient.invalidateQueries({ queryKey: adminKeys.tokens });
      form.resetFields();
      props.onClose();
      props.onCreated(token);
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, FIELDS)) setFormError(e.message);
    },
  });

  return (
    <Modal
      title={t('tokens.create')}
      open={props.open}
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
      <Form<NewToken>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setFormError(null);
          create.mutate(v.role === 'agency_staff' ? v : { ...v, agencyId: undefined });
        }}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, message: t('common.required', { field: t('tokens.name') }) }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('tokens.role')}
          rules={[{ required: true, message: t('common.required', { field: t('tokens.role') }) }]}
        >
          <Select options={tokenRoles.map((r) => ({ value: r, label: labels.role(r) }))} />
        </Form.Item>
        {role === 'agency_staff' && (
          <Form.Item
            name="agencyId"
            label={t('tokens.agency')}
            rules={[{ required: true, message: t('common.required', { field: t('tokens.agency') }) }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={agencies.isPending}
              options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
