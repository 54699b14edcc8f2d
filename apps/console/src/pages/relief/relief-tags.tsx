import { type ReliefStatus, reliefStatusLabels } from '@huzhu/core';
import { Tag } from 'antd';

const colors: Record<ReliefStatus, string> = {
  proposed: 'purple',
  applied: 'blue',
  returned: 'orange',
  reviewed: 'cyan',
  approved: 'green',
  rejected: 'red',
  dismissed: 'default',
  paid: 'success',
  payout_failed: 'error',
};

export function ReliefStatusTag({ status }: { status: ReliefStatus }) {
  return (
    <Tag color={colors[status]} data-testid="relief-status">
      {reliefStatusLabels[status]}
    </Tag>
  );
}
