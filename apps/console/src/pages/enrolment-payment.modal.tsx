import { type Batch, type EnrolmentPayment, formatFen, parseYuan } from '@huzhu/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { enrolmentPaymentApi } from '../api/enrolment-payment.api.ts';
import { applyServerErrors } from '../components/form-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { TransferFields } from './transfer-fields.tsx';

interface TransferForm {
  amountYuan: string;
  paidOn: Dayjs;
  bankReference: string;
  note?: string;
}

/** The difference as the clerk types: exact, short or excess, in words the modal shows live. */
export function DifferenceLine(props: { expectedFen: number; receivedFen: number | null }) {
  const { t } = useI18n();
  if (props.receivedFen === null) return null;
  const diff = props.receivedFen - props.expectedFen;
  const type = diff === 0 ? 'success' : 'warning';
  const text =
    diff === 0
      ? t('payments.diffExact')
      : t(diff < 0 ? 'payments.diffShort' : 'payments.diffExcess', { diff: formatFen(Math.abs(diff)) });
  return <Alert type={type} showIcon title={text} style={{ marginBottom: 16 }} data-testid="transfer-difference" />;
}

/**
 * 登记银行到账: one transfer of a unit for the selected approved batches. The exact total makes them all effective;
 * a short or excess amount is held 待核对 on the server (nothing takes effect), which this modal says before and after.
 */
export function EnrolmentPaymentModal(props: { batches: Batch[]; open: boolean; onClose(): void; onDone?(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TransferForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const amountYuan = Form.useWatch('amountYuan', form);
  const expectedFen = props.batches.reduce((s, b) => s + b.totalFeeFen, 0);
  const receivedFen = amountYuan === undefined || amountYuan === null ? null : parseYuan(String(amountYuan));
  const unit = props.batches[0];

  const record = useMutation({
    mutationFn: (v: TransferForm) =>
      enrolmentPaymentApi.record({
        unitId: unit!.unitId,
        batchIds: props.batches.map((b) => b.id),
        // The input holds decimal text with at most two places, which always parses.
        amountFen: parseYuan(String(v.amountYuan))!,
        paidOn: v.paidOn.format('YYYY-MM-DD'),
        bankReference: v.bankReference.trim(),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    meta: { ownErrors: true },
    onSuccess: (p: EnrolmentPayment) => {
      if (p.status === 'applied') message.success(t('payments.applied', { n: p.batches.length }));
      else message.warning(t('payments.heldDone'));
      queryClient.invalidateQueries({ queryKey: ['batches'] });
      queryClient.invalidateQueries({ queryKey: ['batch'] });
      queryClient.invalidateQueries({ queryKey: ['enrolment-payments'] });
      queryClient.invalidateQueries({ queryKey: ['coverage'] });
      props.onClose();
      props.onDone?.();
    },
    onError: (e) => {
      if (applyServerErrors(form, e, ['amountFen', 'paidOn', 'bankReference', 'note'])) return;
      setRefusal(e.message);
    },
  });

  return (
    <Modal
      title={t('payments.recordTitle', { unit: unit?.unitName ?? unit?.unitId ?? '' })}
      open={props.open}
      width={720}
      okText={t('batch.pay')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      afterOpenChange={(open) => open && setRefusal(null)}
      destroyOnHidden
    >
      <Table<Batch>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={props.batches}
        style={{ marginBottom: 12 }}
        columns={[
          { title: t('batch.product'), dataIndex: 'productName', render: (n, b) => n ?? b.productCode },
          { title: t('batch.requestedStart'), dataIndex: 'requestedStart', width: 110 },
          { title: t('batch.people'), dataIndex: 'acceptedRows', width: 80, align: 'right' },
          {
            title: t('batch.totalFee'),
            dataIndex: 'totalFeeFen',
            width: 120,
            align: 'right',
            render: (fen: number) => formatFen(fen),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              <Typography.Text strong>{t('payments.expectedSum')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <strong data-testid="transfer-expected">{formatFen(expectedFen)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <DifferenceLine expectedFen={expectedFen} receivedFen={receivedFen} />
      {refusal && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="transfer-error" title={refusal} />
      )}
      <Form<TransferForm>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setRefusal(null);
          if (unit) record.mutate(v);
        }}
      >
        <TransferFields testId="transfer" />
        <Form.Item name="note" label={t('payments.note')}>
          <Input.TextArea maxLength={500} rows={2} data-testid="transfer-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
