import { type Batch, formatFen, parseYuan } from '@huzhu/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { enrolmentApi } from '../api/enrolment.api.ts';
import { ApiError } from '../api/http-client.ts';
import { applyServerErrors } from '../components/form-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { TransferFields } from './transfer-fields.tsx';

interface PaymentForm {
  amountYuan: string;
  paidOn: Dayjs;
  bankReference: string;
}

type Mismatch = { expectedFen: number; receivedFen: number };

function mismatchOf(e: unknown): Mismatch | null {
  if (!(e instanceof ApiError) || e.code !== 'AMOUNT_MISMATCH') return null;
  const d = e.details as Partial<Mismatch> | undefined;
  return typeof d?.expectedFen === 'number' && typeof d.receivedFen === 'number'
    ? { expectedFen: d.expectedFen, receivedFen: d.receivedFen }
    : null;
}

/**
 * 确认到账: finance records the bank transfer. The amount must equal the batch total (the server refuses anything
 * else with AMOUNT_MISMATCH, shown here with both amounts); the paid-on date may lie in the past, never ahead.
 */
export function BatchPaymentModal(props: { batch: Batch | null; onClose(): void; onDone?(b: Batch): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PaymentForm>();
  const [refusal, setRefusal] = useState<{ message: string; mismatch: Mismatch | null } | null>(null);

  const pay = useMutation({
    mutationFn: ({ id, v }: { id: string; v: PaymentForm }) =>
      enrolmentApi.pay(id, {
        // The input holds decimal text with at most two places, which always parses.
        amountFen: parseYuan(String(v.amountYuan))!,
        paidOn: v.paidOn.format('YYYY-MM-DD'),
        bankReference: v.bankReference.trim(),
      }),
    meta: { ownErrors: true },
    onSuccess: (batch) => {
      message.success(t('batch.paid'));
      queryClient.setQueryData(['batch', batch.id], batch);
      queryClient.invalidateQueries({ queryKey: ['batches'] });
      queryClient.invalidateQueries({ queryKey: ['coverage'] });
      props.onClose();
      props.onDone?.(batch);
    },
    onError: (e) => {
      const mismatch = mismatchOf(e);
      if (!mismatch && applyServerErrors(form, e, ['amountFen', 'paidOn', 'bankReference'])) return;
      setRefusal({ message: e.message, mismatch });
    },
  });

  const b = props.batch;
  return (
    <Modal
      title={t('batch.payTitle')}
      open={!!b}
      width={620}
      okText={t('batch.pay')}
      cancelText={t('common.cancel')}
      confirmLoading={pay.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      afterOpenChange={(open) => open && setRefusal(null)}
      destroyOnHidden
    >
      {b && (
        <Descriptions
          size="small"
          column={2}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'unit', label: t('batch.unit'), children: b.unitName ?? b.unitId, span: 2 },
            { key: 'product', label: t('batch.product'), children: b.productName ?? b.productCode, span: 2 },
            { key: 'people', label: t('batch.people'), children: b.acceptedRows },
            {
              key: 'due',
              label: t('batch.totalFee'),
              children: <strong data-testid="payment-expected">{formatFen(b.totalFeeFen)}</strong>,
            },
          ]}
        />
      )}
      {refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="payment-error"
          title={refusal.mismatch ? t('batch.mismatch') : refusal.message}
          description={
            refusal.mismatch &&
            t('batch.mismatchDetail', {
              expected: formatFen(refusal.mismatch.expectedFen),
              received: formatFen(refusal.mismatch.receivedFen),
              diff: formatFen(Math.abs(refusal.mismatch.receivedFen - refusal.mismatch.expectedFen)),
            })
          }
        />
      )}
      <Form<PaymentForm>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setRefusal(null);
          if (b) pay.mutate({ id: b.id, v });
        }}
      >
        <TransferFields testId="payment" amountExtra={b && t('batch.expected', { amount: formatFen(b.totalFeeFen) })} />
      </Form>
    </Modal>
  );
}
