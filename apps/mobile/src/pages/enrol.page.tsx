import type { GigEnrolment } from '@huzhu/core';
import { Button, Card, DotLoading, NavBar, NoticeBar, Radio, Result, Space } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { useSession } from '../session.ts';
import { GIG_NEXT_KEY, rememberedChannel } from '../enrol-journey.ts';
import { GiftOffers } from './gift.page.tsx';

type Landing = Awaited<ReturnType<typeof api.channel>>;
const DEFAULT_PRODUCTS: Landing['products'] = [
  { code: 'GIG', name: '新就业形态劳动者专项意外伤害互助保障', feePerShareFen: 3000, termLabel: '12 个月' },
  { code: 'SHORT_ACC', name: '短期意外互助保障', feePerShareFen: 500, termLabel: '30 天' },
];
const yuan = (fen: number) => `¥${(fen / 100).toFixed(fen % 100 ? 2 : 0)}`;

/** 扫码参保, the landing: the channel (if a poster brought the worker), its products; then sign in and order. */
export function EnrolLandingPage({ navigate }: { navigate: (p: string) => void }) {
  const code = rememberedChannel();
  const [landing, setLanding] = useState<Landing | null | 'closed'>(null);
  useEffect(() => {
    if (!code) return;
    api.channel(code).then(setLanding, () => setLanding('closed'));
  }, [code]);
  const products = landing && landing !== 'closed' ? landing.products : DEFAULT_PRODUCTS;
  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('')}>
        扫码参保
      </NavBar>
      {landing === 'closed' && <NoticeBar color="alert" wrap content="该二维码已失效，您仍可直接自助参保。" />}
      <div className="intro">
        <h1 className="intro-title">{landing && landing !== 'closed' ? landing.name : '新就业形态劳动者自助参保'}</h1>
        <p className="intro-text">
          {landing && landing !== 'closed' && landing.agencyName ? `${landing.agencyName} · ` : ''}
          手机号登录、实名认证、在线缴费，缴费次日零时起保障生效。
        </p>
      </div>
      {landing && landing !== 'closed' && <GiftOffers gifts={landing.gifts} navigate={navigate} />}
      {products.map((p) => (
        <Card key={p.code} title={p.name} className="card">
          <p>
            {yuan(p.feePerShareFen)} / 份 · 保障期 {p.termLabel}
          </p>
          <Button
            block
            color="primary"
            onClick={() => {
              sessionStorage.setItem(GIG_NEXT_KEY, `gig/${p.code}`);
              navigate(`gig/${p.code}`);
            }}
            data-testid={`enrol-${p.code}`}
          >
            立即参保
          </Button>
        </Card>
      ))}
    </div>
  );
}

/** Signed in: real name first, then the order, the cashier and the result (certificate). */
export function GigOrderPage({
  productCode,
  enrolmentId,
  navigate,
}: {
  productCode?: string;
  enrolmentId?: string;
  navigate: (p: string) => void;
}) {
  const { account } = useSession();
  const [order, setOrder] = useState<GigEnrolment | null>(null);
  const [product, setProduct] = useState(productCode ?? 'GIG');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    const code = rememberedChannel();
    if (code && account) api.attributeChannel(code).catch(() => undefined);
  }, [account]);
  useEffect(() => {
    if (!enrolmentId) return;
    api.enrolment(enrolmentId).then(setOrder, (e) => setError(messageOf(e)));
  }, [enrolmentId]);

  if (account && !account.realNameVerified)
    return (
      <div className="page">
        <Result status="info" title="请先完成实名认证" description="参保需核实本人身份（姓名、身份证号和人脸）。" />
        <div className="actions">
          <Button block color="primary" size="large" onClick={() => navigate('real-name')}>
            去实名认证
          </Button>
        </div>
      </div>
    );

  async function run(step: () => Promise<GigEnrolment>) {
    setError('');
    setBusy(true);
    try {
      const o = await step();
      setOrder(o);
      if (o.status !== 'awaiting_payment') sessionStorage.removeItem(GIG_NEXT_KEY);
      if (o.payment?.h5Url) window.location.href = o.payment.h5Url;
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const channelCode = rememberedChannel() ?? undefined;
  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('enrol')}>
        自助参保
      </NavBar>
      {!order && enrolmentId && !error && <DotLoading color="primary" />}
      {!order && !enrolmentId && (
        <>
          <Radio.Group value={product} onChange={(v) => setProduct(String(v))}>
            <Space direction="vertical" block>
              <Radio value="GIG">新就业形态劳动者专项意外伤害互助保障（¥30，12 个月）</Radio>
              <Radio value="SHORT_ACC">短期意外互助保障（¥5，30 天）</Radio>
            </Space>
          </Radio.Group>
          <div className="actions">
            <Button
              block
              color="primary"
              size="large"
              loading={busy}
              onClick={() => run(() => api.enrol({ productCode: product, ...(channelCode ? { channelCode } : {}) }))}
              data-testid="gig-order"
            >
              提交订单
            </Button>
          </div>
        </>
      )}
      {order?.status === 'awaiting_payment' && (
        <Card title="收银台" className="card">
          <p>
            应付金额 {yuan(order.feeFen)}，请在 {new Date(order.expiresAt).toLocaleTimeString('zh-CN')} 前完成支付。
          </p>
          {order.payment?.provider === 'demo' ? (
            <Button
              block
              color="primary"
              loading={busy}
              onClick={() => run(() => api.demoPay(order.id))}
              data-testid="demo-pay"
            >
              确认支付（演示收银台）
            </Button>
          ) : (
            <Button block onClick={() => run(() => api.enrolment(order.id))}>
              我已支付，刷新状态
            </Button>
          )}
        </Card>
      )}
      {order?.status === 'effective' && order.policy && (
        <Result
          status="success"
          title="参保成功"
          description={`保障期间 ${order.policy.startDate} 至 ${order.policy.endDate}（次日零时起生效）`}
        />
      )}
      {order?.status === 'effective' && order.policy && (
        <div className="actions">
          <Button
            block
            color="primary"
            size="large"
            onClick={() => navigate(`cover/${order.policy!.id}`)}
            data-testid="gig-certificate"
          >
            查看参保凭证
          </Button>
        </div>
      )}
      {(order?.status === 'expired' || order?.status === 'refunded' || order?.status === 'cancelled') && (
        <Result
          status="warning"
          title={order.status === 'refunded' ? '已退款' : '订单已失效'}
          description="请重新下单。"
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
