import { formatFen } from '@huzhu/core';
import { Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import type { ClaimView } from '../../api/claims.api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useClaimLabels } from './claim-labels.ts';

/**
 * The benefit engine's verdict per policy, with its explanation lines (rule, base, band, rate, cap) as the reviewer
 * reads them: a payable amount, or the refusal code's meaning.
 */
export function ClaimAssessments({ claim }: { claim: ClaimView }) {
  const { t } = useI18n();
  const labels = useClaimLabels();
  if (claim.assessments.length === 0) return <Empty description={t('claimDetail.noAssessments')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="claim-assessments">
      {claim.assessments.map((a) => (
        <Card
          key={a.policyId}
          size="small"
          type="inner"
          data-testid="claim-assessment"
          title={
            <Space wrap>
              <span>{a.productName}</span>
              <Typography.Text type="secondary">{`${a.policyStartDate}～${a.policyEndDate}`}</Typography.Text>
            </Space>
          }
          extra={
            a.payable ? (
              <Tag color="green" data-testid="assessment-amount">
                {t('claimDetail.payable', { amount: formatFen(a.amountFen) })}
              </Tag>
            ) : (
              <Tag color="red" data-testid="assessment-refusal">
                {a.code ? `${labels.refusal(a.code)}（${a.code}）` : t('claimDetail.notPayable')}
              </Tag>
            )
          }
        >
          <ol className="claim-lines" style={{ margin: 0, paddingLeft: 20 }} data-testid="assessment-lines">
            {a.lines.map((line, i) => (
              // Lines are an ordered explanation without ids; their position is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>{line}</li>
            ))}
          </ol>
          {a.approvedAmountFen !== null && (
            <Flex justify="flex-end" style={{ marginTop: 8 }}>
              <Typography.Text strong>
                {t('claimDetail.approvedHere', { amount: formatFen(a.approvedAmountFen) })}
              </Typography.Text>
            </Flex>
          )}
        </Card>
      ))}
    </Space>
  );
}
