import { Alert, Table } from 'antd';
import { Link } from 'react-router';
import type { SkippedView } from '../../api/payouts.api.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** What a payout batch left out, by member and claim number, with why and a link to register the account. */
export function PayoutSkipped(props: { skipped: SkippedView[] }) {
  const { t } = useI18n();
  if (props.skipped.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="payout-skipped"
      title={t('payouts.skippedTitle', { count: props.skipped.length })}
      description={
        <>
          <p style={{ marginBottom: 8 }}>{t('payouts.skippedHint')}</p>
          <Table<SkippedView>
            rowKey="claimId"
            size="small"
            dataSource={props.skipped}
            pagination={
              props.skipped.length > 10 ? { pageSize: 10, showTotal: (total) => t('common.total', { total }) } : false
            }
            columns={[
              {
                title: t('claims.member'),
                key: 'member',
                render: (_, s) =>
                  s.memberId ? (
                    <Link to={`/members/${encodeURIComponent(s.memberId)}`} data-testid="skipped-member">
                      {s.memberName}
                    </Link>
                  ) : (
                    s.memberName
                  ),
              },
              {
                title: t('payouts.claimNo'),
                key: 'claim',
                render: (_, s) => (
                  <Link to={`/${s.subjectKind === 'relief' ? 'relief' : 'claims'}/${encodeURIComponent(s.claimId)}`}>
                    {s.claimId}
                  </Link>
                ),
              },
              { title: t('payouts.reason'), key: 'reason', render: (_, s) => s.reason ?? s.code },
            ]}
          />
        </>
      }
    />
  );
}
