import { Timeline, Typography } from 'antd';
import type { ClaimView } from '../../api/claims.api.ts';
import { formatInstant } from '../../components/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useClaimLabels } from './claim-labels.ts';

/** The why of a step, when the audit row carries one (a reason, a note, an amount). */
function whyOf(after: unknown): string | null {
  if (!after || typeof after !== 'object') return null;
  const a = after as { reason?: unknown; note?: unknown; message?: unknown };
  for (const v of [a.reason, a.note, a.message]) if (typeof v === 'string' && v) return v;
  return null;
}

/** Every step of the claim, oldest first: who did what, when, and why. */
export function ClaimHistory({ claim }: { claim: ClaimView }) {
  const { t } = useI18n();
  const labels = useClaimLabels();
  return (
    <Timeline
      data-testid="claim-history"
      items={claim.history.map((h, i) => {
        const why = whyOf(h.after);
        return {
          key: `${h.at}-${i}`,
          color: h.action === 'claim.reject' || h.action === 'claim.fail' ? 'red' : 'blue',
          content: (
            <>
              <Typography.Text strong>{labels.action(h.action)}</Typography.Text>
              <Typography.Text type="secondary">
                {`  ${formatInstant(h.at)} · ${h.actorName ?? t('claimDetail.system')}`}
              </Typography.Text>
              {why && <div>{why}</div>}
            </>
          ),
        };
      })}
    />
  );
}
