import type { Batch } from '@huzhu/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { enrolmentApi } from '../api/enrolment.api.ts';
import { useI18n } from '../i18n/i18n.tsx';

export type ReviewMode = 'approve' | 'return';

/** Approve a submitted batch (an optional note) or return it to the unit (a reason of 2–500 characters). */
export function BatchReviewModal(props: {
  batch: Batch | null;
  mode: ReviewMode;
  onClose(): void;
  onDone?(b: Batch): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text?: string }>();
  const approving = props.mode === 'approve';

  const review = useMutation({
    mutationFn: ({ id, text }: { id: string; text?: string }) =>
      approving
        ? enrolmentApi.approve(id, text?.trim() || undefined)
        : enrolmentApi.returnBatch(id, text?.trim() ?? ''),
    onSuccess: (batch) => {
      message.success(approving ? t('batch.approved') : t('batch.returned'));
      queryClient.setQueryData(['batch', batch.id], batch);
      queryClient.invalidateQueries({ queryKey: ['batches'] });
      props.onClose();
      props.onDone?.(batch);
    },
  });

  return (
    <Modal
      title={approving ? t('batch.approveTitle') : t('batch.returnTitle')}
      open={!!props.batch}
      okText={approving ? t('batch.approve') : t('batch.return')}
      okButtonProps={{ danger: !approving }}
      cancelText={t('common.cancel')}
      confirmLoading={review.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {props.batch && (
        <Typography.Paragraph type="secondary">
          {t('batch.reviewFacts', {
            unit: props.batch.unitName ?? props.batch.unitId,
            product: props.batch.productName ?? props.batch.productCode,
            n: props.batch.acceptedRows,
          })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => props.batch && review.mutate({ id: props.batch.id, text: v.text })}
      >
        <Form.Item
          name="text"
          label={approving ? t('batch.note') : t('batch.reason')}
          rules={
            approving
              ? [{ max: 500 }]
              : [{ required: true, whitespace: true, min: 2, max: 500, message: t('batch.reasonRule') }]
          }
        >
          <Input.TextArea rows={4} maxLength={500} showCount data-testid="review-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
