import { DotLoading, NavBar, Steps, Tag } from 'antd-mobile';
import type { MemberRelief } from '@huzhu/core';
import { api } from '../api/api.ts';
import {
  claimKindText,
  claimStatusColor,
  claimStatusText,
  reliefOriginText,
  reliefStatusColor,
  reliefStatusText,
  yuan,
} from '../labels.ts';
import { useLoad } from '../use-load.ts';
import type { ClaimKind, ClaimStatus } from '@huzhu/core';

const day = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : '');

/** applied → reviewed and decided → paid, as the member follows it. */
function timeline(r: MemberRelief) {
  const decided = ['approved', 'rejected', 'paid', 'payout_failed'].includes(r.status);
  const steps = [
    { title: '已申请', description: day(r.filedAt), done: true },
    {
      title: r.status === 'rejected' ? '不予救助' : '已核准',
      description: r.decidedAt
        ? `${day(r.decidedAt)}${r.refusalReason ? `，${r.refusalReason}` : ''}`
        : '代办处审核、办事处决定',
      done: decided,
    },
    {
      title: '已发放',
      description: r.paidAt
        ? `${day(r.paidAt)} 转入 ${r.bankAccountMasked ?? '登记账户'}`
        : r.status === 'rejected'
          ? ''
          : '核准后随互助金一同转账',
      done: r.status === 'paid',
    },
  ];
  return { steps, current: steps.filter((s) => s.done).length - 1 };
}

/** One relief of the member: category, amount, progress, and the claims filed with it (慰问+理赔 一站式). */
export function ReliefDetailPage({ reliefId, navigate }: { reliefId: string; navigate: (p: string) => void }) {
  const { data: r, error } = useLoad(() => api.reliefOne(reliefId), [reliefId]);
  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('claims')}>
        救助慰问详情
      </NavBar>
      {error && <p className="form-error">{error}</p>}
      {!r && !error && (
        <div className="center">
          <DotLoading color="primary" />
        </div>
      )}
      {r && (
        <>
          <section className="card">
            <div className="card-head">
              <strong className="card-title">{r.categoryName}</strong>
              <Tag color={reliefStatusColor[r.status]} fill="solid" data-testid="relief-status">
                {reliefStatusText[r.status]}
              </Tag>
            </div>
            <dl className="facts">
              <dt>申请编号</dt>
              <dd>{r.number}</dd>
              <dt>事件日期</dt>
              <dd>{r.eventDate}</dd>
              <dt>来源</dt>
              <dd>{reliefOriginText[r.origin]}</dd>
              <dt>救助金额</dt>
              <dd className="money">{yuan(r.amountFen)}</dd>
            </dl>
          </section>
          <section className="card">
            <h2 className="card-title">办理进度</h2>
            <Steps direction="vertical" current={timeline(r).current}>
              {timeline(r).steps.map((s) => (
                <Steps.Step
                  key={s.title}
                  title={s.title}
                  description={s.description}
                  status={s.done ? 'finish' : 'wait'}
                />
              ))}
            </Steps>
          </section>
          {r.claims.length > 0 && (
            <section className="card" data-testid="relief-claims">
              <h2 className="card-title">一并申领的互助金</h2>
              <ul className="cards">
                {r.claims.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="card-button" onClick={() => navigate(`claims/${c.id}`)}>
                      <div className="card-head">
                        <span>{claimKindText[c.kind as ClaimKind] ?? c.kind}申领</span>
                        <Tag color={claimStatusColor[c.status as ClaimStatus]} fill="outline">
                          {claimStatusText[c.status as ClaimStatus] ?? c.status}
                        </Tag>
                      </div>
                      <dl className="facts">
                        <dt>{c.approvedAmountFen !== null ? '核准金额' : '预估金额'}</dt>
                        <dd>{yuan(c.approvedAmountFen ?? c.assessedAmountFen)}</dd>
                      </dl>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
