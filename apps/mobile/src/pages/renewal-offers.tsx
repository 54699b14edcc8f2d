import type { GigRenewalOffer } from '@huzhu/core';
import { Button, Card, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { useLoad } from '../use-load.ts';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(fen % 100 === 0 ? 0 : 2)}`;

/**
 * 一键续保 on 我的保障: each of the worker's own policies that can be renewed now (from 30 days before its end), with
 * what the renewal costs and whether it keeps the cover continuous; one tap orders it and opens the cashier.
 */
export function RenewalOffers({ memberId, navigate }: { memberId?: string; navigate: (p: string) => void }) {
  const { data } = useLoad(() => (memberId ? api.renewals() : Promise.resolve([] as GigRenewalOffer[])), [memberId]);
  const [busy, setBusy] = useState<string | null>(null);
  if (!data || data.length === 0) return null;

  async function renew(o: GigRenewalOffer) {
    setBusy(o.policyId);
    try {
      const order = await api.renew(o.policyId);
      navigate(`gig/order/${order.id}`);
    } catch (e) {
      Toast.show({ content: messageOf(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="renewals" aria-label="一键续保">
      {data.map((o) => (
        <Card key={o.policyId} className="card renewal" data-testid="renewal-offer">
          <strong className="card-title">{o.productName}</strong>
          <p>
            {o.daysLeft > 0 ? '将于 ' : '已于 '}
            <span className="date">{o.endDate}</span> 到期{o.daysLeft > 0 ? `（还有 ${o.daysLeft} 天）` : ''}
          </p>
          {/* Dates never break across lines (375 px). */}
          <p className="hint">
            {o.continuous ? (
              <>
                续保后保障从 <span className="date">{o.startDate}</span> 起连续，无等待期（
                <span className="date">{o.continuousUntil}</span> 前续保均不间断）
              </>
            ) : (
              <>
                已超过续保宽限期，续保后从 <span className="date">{o.startDate}</span> 起重新计算等待期
              </>
            )}
          </p>
          <Button block color="primary" loading={busy === o.policyId} onClick={() => void renew(o)} data-testid="renew">
            一键续保 {o.renewProductName !== o.productName ? `（${o.renewProductName}）` : ''}
            {yuan(o.feeFen)}
          </Button>
        </Card>
      ))}
    </section>
  );
}
