import type { User } from '@huzhu/core';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { adminApi } from '../api/admin.api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { passwordPattern } from './user-create.modal.tsx';

/** Sets a new password; the server ends the user's sessions so the old password stops working everywhere. */
export function PasswordResetModal({ user, onClose }: { user: User | null; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutation({
    mutationFn: (v: { id: string; password: string }) => adminApi.updateUser(v.id, { password: v.password }),
    onSuccess: () => {
      message.success(t('users.updated'));
      form.resetFields();
      onClose();
    },
  });

  return (
    <Modal
      title={user ? `${t('users.resetPassword')} · ${user.displayName}（${user.username}）` : ''}
      open={!!user}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => user && reset.mutate({ id: user.id, password: v.password })}>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('users.passwordHint')}
          rules={[
            { required: true, message: t('common.required', { field: t('users.newPassword') }) },
            { pattern: passwordPattern, message: t('users.passwordRule') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
