import type { ClaimFlag, ClaimStatus } from '@huzhu/core';
import { Space, Tag, Tooltip } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { claimStatusColor, useClaimLabels } from './claim-labels.ts';

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const labels = useClaimLabels();
  return (
    <Tag color={claimStatusColor[status]} data-testid="claim-status">
      {labels.status(status)}
    </Tag>
  );
}

/** 会员自助: the member filed it in the member app (staff-filed claims show nothing). */
export function ClaimChannelTag({ channel }: { channel: 'staff' | 'member_app' }) {
  const { t } = useI18n();
  if (channel !== 'member_app') return null;
  return (
    <Tooltip title={t('claims.channelMemberAppHint')}>
      <Tag color="purple" data-testid="claim-channel">
        {t('claims.channelMemberApp')}
      </Tag>
    </Tooltip>
  );
}

/** Guards the engine raised (duplicate invoice, claim soon after enrolment), with the server's explanation on hover. */
export function ClaimFlags({ flags }: { flags: ClaimFlag[] }) {
  const labels = useClaimLabels();
  if (flags.length === 0) return null;
  return (
    <Space size={4} wrap>
      {flags.map((f) => (
        <Tooltip key={f.code} title={f.message}>
          <Tag color={f.code === 'DUPLICATE_INVOICE' ? 'red' : 'orange'} data-testid="claim-flag">
            {labels.flag(f.code)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** The due date with what matters about it: past (逾期) or today (今日到期). Decided claims have no deadline left. */
export function DueDate({ dueDate, overdue, today }: { dueDate: string | null; overdue: boolean; today: string }) {
  const { t } = useI18n();
  if (!dueDate) return <>{t('common.none')}</>;
  return (
    <Space size={4}>
      <span>{dueDate}</span>
      {overdue ? (
        <Tag color="red" data-testid="due-overdue">
          {t('claims.overdue')}
        </Tag>
      ) : (
        dueDate === today && (
          <Tag color="orange" data-testid="due-today">
            {t('claims.dueToday')}
          </Tag>
        )
      )}
    </Space>
  );
}
