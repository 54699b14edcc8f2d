import { chinaDate } from '@huzhu/core';
import { DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The bank transfer as finance reads it off the statement — amount, paid-on date (never ahead of today, China time)
 * and the bank's reference — for a form whose values carry `amountYuan`, `paidOn` and `bankReference`. Used by the
 * single-batch confirmation and by the one-transfer-for-several-batches modal; `testId` prefixes each input's test id.
 */
export function TransferFields(props: { testId: string; amountExtra?: ReactNode }) {
  const { t } = useI18n();
  const today = dayjs(chinaDate(new Date()));
  return (
    <>
      <Form.Item
        name="amountYuan"
        label={t('batch.amount')}
        extra={props.amountExtra}
        rules={[{ required: true, message: t('batch.amountRule') }]}
      >
        <InputNumber
          min="0"
          precision={2}
          stringMode
          prefix="¥"
          style={{ width: '100%' }}
          data-testid={`${props.testId}-amount`}
        />
      </Form.Item>
      <Form.Item
        name="paidOn"
        label={t('batch.paidOn')}
        extra={t('batch.paidOnHint')}
        rules={[{ required: true, message: t('common.required', { field: t('batch.paidOn') }) }]}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(today, 'day')}
          data-testid={`${props.testId}-date`}
        />
      </Form.Item>
      <Form.Item
        name="bankReference"
        label={t('batch.bankReference')}
        rules={[
          {
            required: true,
            whitespace: true,
            max: 64,
            message: t('common.required', { field: t('batch.bankReference') }),
          },
        ]}
      >
        <Input maxLength={64} data-testid={`${props.testId}-reference`} />
      </Form.Item>
    </>
  );
}
