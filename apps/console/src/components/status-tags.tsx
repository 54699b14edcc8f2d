import type { BatchStatus, PolicyStatus } from '@huzhu/core';
import { Tag } from 'antd';
import { batchStatusColor, policyStatusColor } from '../i18n/enrolment-labels.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function BatchStatusTag({ status }: { status: BatchStatus }) {
  const { labels } = useI18n();
  return (
    <Tag color={batchStatusColor[status]} data-testid="batch-status">
      {labels.batchStatus(status)}
    </Tag>
  );
}

export function PolicyStatusTag({ status }: { status: PolicyStatus }) {
  const { labels } = useI18n();
  return <Tag color={policyStatusColor[status]}>{labels.policyStatus(status)}</Tag>;
}

/** A continuous renewal carries no waiting period, which is why it is called out wherever policies are listed. */
export function ContinuousTag() {
  const { t } = useI18n();
  return <Tag color="cyan">{t('policy.continuous')}</Tag>;
}
