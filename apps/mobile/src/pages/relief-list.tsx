import { DotLoading, Tag } from 'antd-mobile';
import { api } from '../api/api.ts';
import { reliefStatusColor, reliefStatusText, yuan } from '../labels.ts';
import { useLoad } from '../use-load.ts';
import { ListCeiling } from '../components/list-ceiling.tsx';

const day = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : '');

/**
 * 救助慰问 on the 申领 page: the member's relief (illness, accident, hardship, holiday…), filed for them by their
 * union or agency, with its status and what was paid; a one-stop relief names the claim filed with it.
 */
export function ReliefList({ navigate }: { navigate: (p: string) => void }) {
  const { data, error } = useLoad(() => api.relief(), []);
  if (error) return <p className="form-error">{error}</p>;
  if (!data)
    return (
      <div className="center">
        <DotLoading color="primary" />
      </div>
    );
  return (
    <section data-testid="member-relief">
      <div className="section">
        <h2 className="section-title">救助慰问</h2>
      </div>
      {data.items.length === 0 ? (
        <div className="card">
          <p className="card-text">暂无救助慰问记录。住院、重疾、意外或生活困难时，可请所在工会代为申请。</p>
        </div>
      ) : (
        <ul className="cards">
          {data.items.map((r) => (
            <li key={r.id} className="card">
              <button
                type="button"
                className="card-button"
                onClick={() => navigate(`relief/${r.id}`)}
                aria-label={`救助 ${r.categoryName} ${reliefStatusText[r.status]}`}
              >
                <div className="card-head">
                  <strong className="card-title">{r.categoryName}</strong>
                  <Tag color={reliefStatusColor[r.status]} fill="solid">
                    {reliefStatusText[r.status]}
                  </Tag>
                </div>
                <dl className="facts">
                  <dt>事件日期</dt>
                  <dd>{r.eventDate}</dd>
                  <dt>{r.paidAt ? '已发放' : '救助金额'}</dt>
                  <dd>
                    {yuan(r.amountFen)}
                    {r.paidAt ? `（${day(r.paidAt)}）` : ''}
                  </dd>
                  {r.claims.length > 0 && (
                    <>
                      <dt>一并申领</dt>
                      <dd>{r.claims.length} 笔互助金</dd>
                    </>
                  )}
                </dl>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ListCeiling shown={data.items.length} total={data.total} />
    </section>
  );
}
