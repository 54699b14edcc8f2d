import type { GigEnrolment } from '@huzhu/core';
import { Button, Card, NavBar, Result, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { useSession } from '../session.ts';
import { GIG_NEXT_KEY, rememberedChannel } from '../enrol-journey.ts';

type Gift = { campaignId: string; name: string; remaining: number };

/** The gifts a scanned channel offers (新业态赠险): free cover paid by a sponsor, while the budget lasts. */
export function GiftOffers({ gifts, navigate }: { gifts: Gift[]; navigate: (p: string) => void }) {
  if (gifts.length === 0) return null;
  return (
    <>
      {gifts.map((g) => (
        <Card
          key={g.campaignId}
          title={
            <span>
              <Tag color="danger" style={{ marginRight: 6 }}>
                免费
              </Tag>
              {g.name}
            </span>
          }
          className="card"
        >
          <p>新就业形态劳动者赠送意外互助保障，无需缴费，每人限领一份。剩余名额 {g.remaining} 份。</p>
          <Button
            block
            color="danger"
            disabled={g.remaining <= 0}
            onClick={() => {
              sessionStorage.setItem(GIG_NEXT_KEY, `gift/${g.campaignId}`);
              navigate(`gift/${g.campaignId}`);
            }}
            data-testid={`gift-${g.campaignId}`}
          >
            {g.remaining > 0 ? '免费领取' : '名额已领完'}
          </Button>
        </Card>
      ))}
    </>
  );
}

/** Signed in: real name first, then one tap claims the gift; the result shows the cover and its certificate. */
export function GiftClaimPage({ campaignId, navigate }: { campaignId: string; navigate: (p: string) => void }) {
  const { account } = useSession();
  const [gift, setGift] = useState<GigEnrolment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    const code = rememberedChannel();
    if (code && account) api.attributeChannel(code).catch(() => undefined);
  }, [account]);

  if (account && !account.realNameVerified)
    return (
      <div className="page">
        <Result status="info" title="请先完成实名认证" description="领取赠险需核实本人身份（姓名、身份证号和人脸）。" />
        <div className="actions">
          <Button block color="primary" size="large" onClick={() => navigate('real-name')}>
            去实名认证
          </Button>
        </div>
      </div>
    );

  async function claim() {
    setError('');
    setBusy(true);
    try {
      const channelCode = rememberedChannel() ?? undefined;
      const g = await api.enrol({
        productCode: 'GIG_GIFT',
        giftCampaignId: campaignId,
        ...(channelCode ? { channelCode } : {}),
      });
      sessionStorage.removeItem(GIG_NEXT_KEY);
      setGift(g);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('enrol')}>
        领取赠险
      </NavBar>
      {!gift && (
        <>
          <Card title="新业态劳动者赠送意外互助保障" className="card">
            <p>由爱心单位出资赠送，本人无需缴费。领取后次日零时起保障 12 个月：意外医疗、意外伤残和身故。</p>
          </Card>
          <div className="actions">
            <Button block color="danger" size="large" loading={busy} onClick={claim} data-testid="gift-claim">
              确认领取
            </Button>
          </div>
        </>
      )}
      {gift?.policy && (
        <>
          <Result
            status="success"
            title="领取成功"
            description={`保障期间 ${gift.policy.startDate} 至 ${gift.policy.endDate}（次日零时起生效）`}
          />
          <div className="actions">
            <Button
              block
              color="primary"
              size="large"
              onClick={() => navigate(`cover/${gift.policy!.id}`)}
              data-testid="gift-certificate"
            >
              查看参保凭证
            </Button>
          </div>
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
