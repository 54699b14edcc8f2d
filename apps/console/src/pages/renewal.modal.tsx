import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { enrolmentApi } from '../api/enrolment.api.ts';
import { productApi, productKeys } from '../api/product.api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * 续保: one action makes a draft batch of the unit's members whose policies of the product end within 60 days and
 * who are still in the unit; the batch then goes through the usual submit → approve → payment.
 */
export function RenewalModal(props: { unitId: string; open: boolean; suggested?: string; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [productCode, setProductCode] = useState<string | undefined>(props.suggested);
  const [refusal, setRefusal] = useState<string | null>(null);
  const products = useQuery({ queryKey: productKeys.list, queryFn: productApi.list, enabled: props.open });

  const renew = useMutation({
    mutationFn: (code: string) => enrolmentApi.renew(props.unitId, code),
    meta: { ownErrors: true },
    onSuccess: (batch) => {
      message.success(t('coverage.renewed'));
      queryClient.invalidateQueries({ queryKey: ['batches'] });
      props.onClose();
      navigate(`/batches/${encodeURIComponent(batch.id)}`);
    },
    onError: (e) => setRefusal(e.message),
  });

  return (
    <Modal
      title={t('coverage.renewTitle')}
      open={props.open}
      okText={t('coverage.renew')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !productCode }}
      confirmLoading={renew.isPending}
      onOk={() => productCode && renew.mutate(productCode)}
      onCancel={props.onClose}
      afterOpenChange={(open) => {
        if (open) {
          setRefusal(null);
          setProductCode((c) => c ?? props.suggested);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{t('coverage.renewHint')}</Typography.Paragraph>
      {refusal && (
        <Alert type="warning" showIcon title={refusal} style={{ marginBottom: 16 }} data-testid="renewal-refusal" />
      )}
      <Form layout="vertical">
        <Form.Item label={t('coverage.renewProduct')} required>
          <Select
            data-testid="renewal-product"
            value={productCode}
            onChange={(v: string) => {
              setProductCode(v);
              setRefusal(null);
            }}
            loading={products.isPending}
            options={(products.data ?? [])
              .filter((p) => p.channel === 'unit')
              .map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
