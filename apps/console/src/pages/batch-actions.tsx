import { BankOutlined, CheckOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import type { Batch } from '@huzhu/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { enrolmentApi } from '../api/enrolment.api.ts';
import { useCan } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { BatchPaymentModal } from './batch-payment.modal.tsx';
import { BatchReviewModal, type ReviewMode } from './batch-review.modal.tsx';

/**
 * The moves the caller's role may make on the batch in its current status (the state machine in core and the
 * server decide again; this only offers what would be accepted).
 */
export function BatchActions({ batch }: { batch: Batch }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [reviewing, setReviewing] = useState<ReviewMode | null>(null);
  const [paying, setPaying] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['batch', batch.id] });

  const submit = useMutation({
    mutationFn: () => enrolmentApi.submit(batch.id),
    onSuccess: () => {
      message.success(t('batch.submitted'));
      queryClient.invalidateQueries({ queryKey: ['batches'] });
      refresh();
    },
  });

  const s = batch.status;
  const canSubmit = can('batch.create') && (s === 'draft' || s === 'returned');
  const canApprove = can('batch.approve') && s === 'submitted';
  const canReturn = can('batch.approve') && (s === 'submitted' || s === 'approved');
  const canPay = can('batch.pay') && s === 'approved';
  if (!canSubmit && !canApprove && !canReturn && !canPay) return null;

  return (
    <Space wrap data-testid="batch-actions">
      {canSubmit && (
        <Popconfirm
          title={t('batch.submitConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => submit.mutate()}
          disabled={batch.acceptedRows === 0}
        >
          <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} disabled={batch.acceptedRows === 0}>
            {t('batch.submit')}
          </Button>
        </Popconfirm>
      )}
      {canApprove && (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setReviewing('approve')}>
          {t('batch.approve')}
        </Button>
      )}
      {canReturn && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setReviewing('return')}>
          {t('batch.return')}
        </Button>
      )}
      {canPay && (
        <Button type="primary" icon={<BankOutlined />} onClick={() => setPaying(true)}>
          {t('batch.pay')}
        </Button>
      )}
      <BatchReviewModal
        batch={reviewing ? batch : null}
        mode={reviewing ?? 'approve'}
        onClose={() => setReviewing(null)}
        onDone={refresh}
      />
      <BatchPaymentModal batch={paying ? batch : null} onClose={() => setPaying(false)} onDone={refresh} />
    </Space>
  );
}
