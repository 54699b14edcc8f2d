import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { payoutsApi } from '../../api/payouts.api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface AccountForm {
  bankName: string;
  accountNumber: string;
}

/**
 * 登记收款账户: the account a payout goes to. The full number is sent once and stored encrypted; the console only
 * ever shows it masked afterwards.
 */
export function BankAccountButton(props: { memberId: string; claimId?: string; hasAccount: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<AccountForm>();
  const save = useMutation({
    mutationFn: (v: AccountForm) => payoutsApi.setBankAccount(props.memberId, v),
    meta: { ownErrors: true },
    onSuccess: () => {
      message.success(t('bankAccount.saved'));
      if (props.claimId) queryClient.invalidateQueries({ queryKey: ['claim', props.claimId] });
      queryClient.invalidateQueries({ queryKey: ['member', props.memberId] });
      queryClient.invalidateQueries({ queryKey: ['payout-claims'] });
      setOpen(false);
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, ['bankName', 'accountNumber'])) message.error(e.message);
    },
  });
  return (
    <>
      <Button type="link" size="small" onClick={() => setOpen(true)} data-testid="bank-account-edit">
        {props.hasAccount ? t('bankAccount.change') : t('bankAccount.register')}
      </Button>
      <Modal
        title={t('bankAccount.title')}
        open={open}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form<AccountForm> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <p style={{ color: 'rgba(0,0,0,0.45)' }}>{t('members.bankAccountAudit')}</p>
          <Form.Item name="bankName" label={t('bankAccount.bankName')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={60} data-testid="bank-name" />
          </Form.Item>
          <Form.Item
            name="accountNumber"
            label={t('bankAccount.accountNumber')}
            rules={[{ required: true }, { pattern: /^[\d\s-]{8,40}$/, message: t('bankAccount.accountInvalid') }]}
          >
            <Input maxLength={40} inputMode="numeric" autoComplete="off" data-testid="bank-account-number" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
