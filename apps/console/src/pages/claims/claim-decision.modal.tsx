import { formatFen, parseYuan } from '@huzhu/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { type ClaimDecisionBody, type ClaimView, claimsApi } from '../../api/claims.api.ts';
import { applyServerErrors } from '../../components/form-errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface DecisionForm {
  decision: ClaimDecisionBody['decision'];
  amountYuan?: string;
  reason?: string;
  override?: boolean;
}

const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

/**
 * 审核决定: approve (the engine's amount, or another one with a reason), reject or return with a reason. A claim
 * flagged DUPLICATE_INVOICE is approved only with an explicit override and a reason, which only reviewers may give.
 */
export function ClaimDecisionModal(props: { claim: ClaimView | null; canOverride: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DecisionForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const decision = Form.useWatch('decision', form);
  const amountYuan = Form.useWatch('amountYuan', form);
  const override = Form.useWatch('override', form);
  const c = props.claim;
  const assessed = c?.assessedAmountFen ?? 0;
  const duplicate = !!c?.flags.some((f) => f.code === 'DUPLICATE_INVOICE');
  const amountFen = amountYuan && YUAN.test(amountYuan) ? parseYuan(amountYuan) : null;
  const changed = decision === 'approve' && amountFen !== null && amountFen !== assessed;
  const needsReason = decision !== 'approve' || changed || !!override;

  const decide = useMutation({
    mutationFn: ({ id, body }: { id: string; body: ClaimDecisionBody }) => claimsApi.decide(id, body),
    meta: { ownErrors: true },
    onSuccess: (claim) => {
      message.success(t('claimDetail.decided'));
      queryClient.setQueryData(['claim', claim.id], claim);
      queryClient.invalidateQueries({ queryKey: ['claims'] });
      props.onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e, ['amountFen', 'reason'])) setRefusal(e.message);
    },
  });

  return (
    <Modal
      title={t('claimDetail.decisionTitle')}
      open={!!c}
      width={600}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      afterOpenChange={(open) => open && setRefusal(null)}
      destroyOnHidden
    >
      {refusal && (
        <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} data-testid="decision-error" />
      )}
      {c && !c.bankAccountMasked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('claimDetail.noBankAccountWarning')}
          description={t('claimDetail.noBankAccountHint')}
          data-testid="decision-no-bank-account"
        />
      )}
      {duplicate && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('claimDetail.duplicateWarning')}
          description={props.canOverride ? t('claimDetail.overrideHint') : t('claimDetail.overrideNotAllowed')}
        />
      )}
      <Form<DecisionForm>
        form={form}
        layout="vertical"
        initialValues={{ decision: 'approve', amountYuan: (assessed / 100).toFixed(2), override: false }}
        onFinish={(v) => {
          if (!c) return;
          setRefusal(null);
          const body: ClaimDecisionBody = { decision: v.decision, reason: v.reason?.trim() || undefined };
          if (v.decision === 'approve') {
            const fen = v.amountYuan ? parseYuan(v.amountYuan) : null;
            if (fen !== null && fen !== assessed) body.amountFen = fen;
            if (v.override) body.override = true;
          }
          decide.mutate({ id: c.id, body });
        }}
      >
        <Form.Item name="decision" label={t('claimDetail.decision')}>
          <Radio.Group
            data-testid="decision-kind"
            optionType="button"
            options={[
              { value: 'approve', label: t('claimDetail.approve') },
              { value: 'reject', label: t('claimDetail.reject') },
              { value: 'return', label: t('claimDetail.returnForMore') },
            ]}
          />
        </Form.Item>
        {decision === 'approve' && (
          <Form.Item
            name="amountYuan"
            label={t('claimDetail.amountYuan')}
            extra={t('claimDetail.assessedHint', { amount: formatFen(assessed) })}
            rules={[{ required: true }, { pattern: YUAN, message: t('claimNew.yuanInvalid') }]}
          >
            <Input prefix="¥" inputMode="decimal" data-testid="decision-amount" />
          </Form.Item>
        )}
        {decision === 'approve' && duplicate && props.canOverride && (
          <Form.Item name="override" valuePropName="checked">
            <Checkbox data-testid="decision-override">{t('claimDetail.override')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('claimDetail.reason')}
          extra={changed ? t('claimDetail.reasonForAmount') : undefined}
          rules={needsReason ? [{ required: true, min: 2, message: t('claimDetail.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
