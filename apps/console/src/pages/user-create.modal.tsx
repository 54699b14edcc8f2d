import { assignableRoles, type Role } from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { type NewUser, adminApi } from '../api/admin.api.ts';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { applyServerErrors, compact } from '../components/form-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitPicker } from './unit-picker.tsx';

const FIELDS = ['username', 'displayName', 'role', 'agencyId', 'unitId', 'password'] as const;
export const passwordPattern = /^.{10,128}$/;

/** 新增用户: agency staff need their agency office, unit agents their unit; office roles need neither. */
export function UserCreateModal(props: { open: boolean; onClose(): void }) {
  const { t, labels } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies, enabled: props.open });

  const create = useMutation({
    mutationFn: (body: NewUser) => adminApi.createUser(compact(body)),
    meta: { ownErrors: true },
    onSuccess: () => {
      message.success(t('users.created'));
      queryClient.invalidateQueries({ queryKey: ['users'] });
      form.resetFields();
      props.onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, FIELDS)) setFormError(e.message);
    },
  });

  const required = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];

  return (
    <Modal
      title={t('users.create')}
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
      <Form<NewUser>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setFormError(null);
          const body = { ...v };
          if (v.role !== 'agency_staff') delete body.agencyId;
          if (v.role !== 'unit_agent') delete body.unitId;
          create.mutate(body);
        }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameRule')}
          rules={[
            ...required(t('users.username')),
            { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t('users.usernameRule') },
          ]}
        >
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required(t('users.displayName'))}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={required(t('users.role'))}>
          <Select options={assignableRoles.map((r) => ({ value: r, label: labels.role(r) }))} />
        </Form.Item>
        {role === 'agency_staff' && (
          <Form.Item name="agencyId" label={t('users.agency')} rules={required(t('users.agency'))}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={agencies.isPending}
              options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        )}
        {role === 'unit_agent' && (
          <Form.Item name="unitId" label={t('users.unit')} rules={required(t('users.unit'))}>
            <UnitPicker />
          </Form.Item>
        )}
        <Form.Item
          name="password"
          label={t('login.password')}
          extra={t('users.passwordHint')}
          rules={[...required(t('login.password')), { pattern: passwordPattern, message: t('users.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
