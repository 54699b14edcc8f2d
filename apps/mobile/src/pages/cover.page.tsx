import { Button, DotLoading, ErrorBlock, NoticeBar, Tag } from 'antd-mobile';
import type { MyPolicy } from '@huzhu/core';
import { api } from '../api/api.ts';
import { policyStatusColor, policyStatusText } from '../labels.ts';
import { useSession } from '../session.ts';
import { useLoad } from '../use-load.ts';
import { RenewalOffers } from './renewal-offers.tsx';

/** 我的保障: every policy of the member, with its term, waiting end, status and who enrolled it. */
export function CoverPage({ navigate }: { navigate: (p: string) => void }) {
  const { account } = useSession();
  const { data, error } = useLoad(() => api.policies(), [account?.memberId]);
  if (account && !account.realNameVerified)
    return (
      <div className="page">
        <h1 className="page-title">我的保障</h1>
        <ErrorBlock status="empty" title="请先完成实名认证" description="认证后，单位为您办理的保障会自动显示" />
        <div className="actions">
          <Button block color="primary" onClick={() => navigate('real-name')}>
            去实名认证
          </Button>
        </div>
      </div>
    );
  // The worker's own policies are renewed here with one tap (RenewalOffers); a unit's cover through the unit.
  const expiring = (data ?? []).filter((p) => p.expiringSoon && p.channel === 'unit');
  return (
    <div className="page">
      <h1 className="page-title">我的保障</h1>
      {expiring.map((p) => (
        <NoticeBar
          key={p.id}
          color="alert"
          wrap
          content={`${p.productName}将于 ${p.endDate} 到期（还有 ${p.daysLeft} 天），请联系单位工会续保。`}
        />
      ))}
      <RenewalOffers memberId={account?.memberId} navigate={navigate} />
      {error && <p className="form-error">{error}</p>}
      {!data && !error && (
        <div className="center">
          <DotLoading color="primary" />
        </div>
      )}
      {data?.length === 0 && <ErrorBlock status="empty" title="暂无保障记录" description="参保后，保障会显示在这里" />}
      <ul className="cards">
        {data?.map((p) => (
          <PolicyCard key={p.id} p={p} onOpen={() => navigate(`cover/${p.id}`)} />
        ))}
      </ul>
    </div>
  );
}

function PolicyCard({ p, onOpen }: { p: MyPolicy; onOpen: () => void }) {
  const current = p.status === 'active' || p.status === 'waiting';
  return (
    <li className={`card policy${current ? '' : ' muted'}`}>
      <div className="card-head">
        <strong className="card-title">{p.productName}</strong>
        <Tag color={policyStatusColor[p.status]} fill="solid">
          {policyStatusText[p.status]}
        </Tag>
      </div>
      <dl className="facts">
        <dt>份数</dt>
        <dd>{p.shares} 份</dd>
        <dt>保障期</dt>
        <dd>
          {p.startDate} 至 {p.endDate}
        </dd>
        {p.waitingEndDate && (
          <>
            <dt>等待期至</dt>
            <dd>{p.waitingEndDate}</dd>
          </>
        )}
        <dt>参保方式</dt>
        <dd>{p.channel === 'unit' ? `单位参保${p.unitName ? `（${p.unitName}）` : ''}` : '个人参保'}</dd>
      </dl>
      <Button size="small" color="primary" fill="outline" onClick={onOpen} aria-label={`${p.productName} 参保凭证`}>
        电子凭证
      </Button>
    </li>
  );
}
