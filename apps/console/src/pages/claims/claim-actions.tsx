import { CheckOutlined, FileSearchOutlined, RollbackOutlined, SendOutlined, SolutionOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { type ClaimView, claimsApi } from '../../api/claims.api.ts';
import { ApiError } from '../../api/http-client.ts';
import { useCan } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ClaimDecisionModal } from './claim-decision.modal.tsx';

/** The slots the server named when it refused an acceptance, so the page can point at them. */
export function missingOf(e: unknown): number[] | null {
  if (!(e instanceof ApiError) || e.code !== 'MATERIALS_INCOMPLETE') return null;
  const d = e.details as { missingSlots?: unknown } | undefined;
  return Array.isArray(d?.missingSlots) ? (d.missingSlots as number[]) : [];
}

/**
 * The moves the caller's role may make on the claim in its status (core's state machine and the server decide
 * again): agency pre-check, acceptance, return with a reason, the office decision, and resubmission by the unit.
 */
export function ClaimActions(props: { claim: ClaimView; onRefused(message: string, missing: number[] | null): void }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [deciding, setDeciding] = useState(false);
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const c = props.claim;
  const done = (text: string) => (claim: ClaimView) => {
    message.success(text);
    queryClient.setQueryData(['claim', claim.id], claim);
    queryClient.invalidateQueries({ queryKey: ['claims'] });
  };
  const onError = (e: Error) => props.onRefused(e.message, missingOf(e));
  const opts = { meta: { ownErrors: true }, onError };

  const precheck = useMutation({
    mutationFn: () => claimsApi.precheck(c.id),
    onSuccess: done(t('claimDetail.prechecked')),
    ...opts,
  });
  const accept = useMutation({
    mutationFn: () => claimsApi.accept(c.id),
    onSuccess: done(t('claimDetail.accepted')),
    ...opts,
  });
  const resubmit = useMutation({
    mutationFn: () => claimsApi.resubmit(c.id),
    onSuccess: done(t('claimDetail.resubmitted')),
    ...opts,
  });
  const giveBack = useMutation({
    mutationFn: (reason: string) => claimsApi.returnClaim(c.id, reason),
    onSuccess: (claim) => {
      done(t('claimDetail.returned'))(claim);
      setReturning(false);
    },
    ...opts,
  });

  const s = c.status;
  const open = s === 'submitted' || s === 'prechecked';
  const show = {
    precheck: can('claim.precheck') && s === 'submitted',
    accept: can('claim.accept') && open,
    giveBack: can('claim.accept') && open,
    decide: can('claim.decide') && s === 'accepted',
    resubmit: can('claim.create') && s === 'returned',
  };
  if (!Object.values(show).some(Boolean)) return null;

  const confirm = (title: string, run: () => void, button: React.ReactNode) => (
    <Popconfirm title={title} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={run}>
      {button}
    </Popconfirm>
  );

  return (
    <Space wrap data-testid="claim-actions">
      {show.precheck &&
        confirm(
          t('claimDetail.precheckConfirm'),
          () => precheck.mutate(),
          <Button icon={<FileSearchOutlined />} loading={precheck.isPending}>
            {t('claimDetail.precheck')}
          </Button>,
        )}
      {show.accept &&
        confirm(
          t('claimDetail.acceptConfirm'),
          () => accept.mutate(),
          <Button type="primary" icon={<CheckOutlined />} loading={accept.isPending} data-testid="claim-accept">
            {t('claimDetail.accept')}
          </Button>,
        )}
      {show.giveBack && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
          {t('claimDetail.return')}
        </Button>
      )}
      {show.decide && (
        <Button type="primary" icon={<SolutionOutlined />} onClick={() => setDeciding(true)} data-testid="claim-decide">
          {t('claimDetail.decide')}
        </Button>
      )}
      {show.resubmit &&
        confirm(
          t('claimDetail.resubmitConfirm'),
          () => resubmit.mutate(),
          <Button type="primary" icon={<SendOutlined />} loading={resubmit.isPending}>
            {t('claimDetail.resubmit')}
          </Button>,
        )}
      <ClaimDecisionModal
        claim={deciding ? c : null}
        canOverride={can('claim.override')}
        onClose={() => setDeciding(false)}
      />
      <Modal
        title={t('claimDetail.returnTitle')}
        open={returning}
        okText={t('claimDetail.return')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        confirmLoading={giveBack.isPending}
        onOk={() => form.submit()}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => giveBack.mutate(v.reason.trim())}>
          <Form.Item
            name="reason"
            label={t('claimDetail.returnReason')}
            rules={[{ required: true, min: 2, message: t('claimDetail.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
