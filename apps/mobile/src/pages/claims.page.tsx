import { Button, DotLoading, ErrorBlock, Tag } from 'antd-mobile';
import { api } from '../api/api.ts';
import { claimKindText, claimStatusColor, claimStatusText, yuan } from '../labels.ts';
import { useSession } from '../session.ts';
import { useLoad } from '../use-load.ts';
import { ListCeiling } from '../components/list-ceiling.tsx';
import { ReliefList } from './relief-list.tsx';

/** 申领: the member's own claims, newest work first, and the way to file one; below them the member's relief. */
export function ClaimsPage({ navigate }: { navigate: (p: string) => void }) {
  const { account } = useSession();
  const verified = !!account?.realNameVerified;
  const { data, error } = useLoad(() => (verified ? api.claims() : Promise.resolve(null)), [verified]);
  if (!verified)
    return (
      <div className="page">
        <h1 className="page-title">申领</h1>
        <ErrorBlock status="empty" title="请先完成实名认证" description="认证后即可为本人申领互助金" />
        <div className="actions">
          <Button block color="primary" onClick={() => navigate('real-name')}>
            去实名认证
          </Button>
        </div>
      </div>
    );
  const items = [...(data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div className="page">
      <h1 className="page-title">申领</h1>
      <div className="actions top">
        <Button block color="primary" size="large" onClick={() => navigate('claims/new')}>
          申请互助金
        </Button>
      </div>
      {error && <p className="form-error">{error}</p>}
      {!data && !error && (
        <div className="center">
          <DotLoading color="primary" />
        </div>
      )}
      {data && items.length === 0 && (
        <ErrorBlock status="empty" title="还没有申领记录" description="住院、重疾、意外等可在这里申领" />
      )}
      <ul className="cards">
        {items.map((c) => (
          <li key={c.id} className="card">
            <button
              type="button"
              className="card-button"
              onClick={() => navigate(`claims/${c.id}`)}
              aria-label={`申领 ${claimKindText[c.kind]} ${claimStatusText[c.status]}`}
            >
              <div className="card-head">
                <strong className="card-title">{claimKindText[c.kind]}申领</strong>
                <Tag color={claimStatusColor[c.status]} fill="solid">
                  {claimStatusText[c.status]}
                </Tag>
              </div>
              <dl className="facts">
                <dt>事件日期</dt>
                <dd>{c.eventDate}</dd>
                <dt>{c.approvedAmountFen !== null ? '核准金额' : '预估金额'}</dt>
                <dd>{yuan(c.approvedAmountFen ?? c.assessedAmountFen)}</dd>
                {c.dueDate && c.status === 'accepted' && (
                  <>
                    <dt>决定期限</dt>
                    <dd>{c.dueDate} 前</dd>
                  </>
                )}
              </dl>
            </button>
          </li>
        ))}
      </ul>
      {data && <ListCeiling shown={data.items.length} total={data.total} />}
      <ReliefList navigate={navigate} />
    </div>
  );
}
