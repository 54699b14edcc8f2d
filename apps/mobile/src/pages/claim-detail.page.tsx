import { Button, DotLoading, NavBar, NoticeBar, Steps, Tag, Toast } from 'antd-mobile';
import { type ClaimDetail, materialSlots } from '@huzhu/core';
import { useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { PhotoSlot, type SlotPhoto } from '../components/photo-slot.tsx';
import { claimKindText, claimStatusColor, claimStatusText, yuan } from '../labels.ts';
import { useLoad } from '../use-load.ts';

const day = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : '');

/** submitted → accepted (with its due date) → decided → paid, as the member follows it. */
function timeline(c: ClaimDetail) {
  const decided = ['approved', 'rejected', 'paid', 'payout_failed'].includes(c.status);
  const steps = [
    { title: '已提交', description: day(c.createdAt), done: true },
    {
      title: '已受理',
      description: c.acceptedAt ? `${day(c.acceptedAt)}，将于 ${c.dueDate ?? ''} 前作出决定` : '材料齐全后受理',
      done: !!c.acceptedAt,
    },
    {
      title: c.status === 'rejected' ? '不予给付' : '已核准',
      description: c.decidedAt
        ? `${day(c.decidedAt)}${c.approvedAmountFen !== null ? `，核准 ${yuan(c.approvedAmountFen)}` : ''}${c.decisionReason ? `，${c.decisionReason}` : ''}`
        : '受理后 5 个工作日内',
      done: decided,
    },
    {
      title: '已支付',
      description: c.paidAt ? `${day(c.paidAt)}转入 ${c.bankAccountMasked ?? '登记账户'}` : '核准后转账',
      done: c.status === 'paid',
    },
  ];
  const current = steps.filter((s) => s.done).length - 1;
  return { steps, current };
}

export function ClaimDetailPage({ claimId, navigate }: { claimId: string; navigate: (p: string) => void }) {
  const { data: c, error, reload } = useLoad(() => api.claim(claimId), [claimId]);
  const [photos, setPhotos] = useState<Record<number, SlotPhoto>>({});
  const [busy, setBusy] = useState(false);

  async function resubmit() {
    if (!c) return;
    setBusy(true);
    try {
      for (const [slot, p] of Object.entries(photos)) await api.uploadMaterial(c.id, Number(slot), p.blob);
      await api.resubmit(c.id);
      Toast.show({ icon: 'success', content: '已重新提交' });
      setPhotos({});
      reload();
    } catch (e) {
      Toast.show({ content: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('claims')}>
        申领详情
      </NavBar>
      {error && <p className="form-error">{error}</p>}
      {!c && !error && (
        <div className="center">
          <DotLoading color="primary" />
        </div>
      )}
      {c && (
        <>
          <section className="card">
            <div className="card-head">
              <strong className="card-title">{claimKindText[c.kind]}申领</strong>
              <Tag color={claimStatusColor[c.status]} fill="solid" data-testid="claim-status">
                {claimStatusText[c.status]}
              </Tag>
            </div>
            <dl className="facts">
              <dt>事件日期</dt>
              <dd>{c.eventDate}</dd>
              <dt>{c.approvedAmountFen !== null ? '核准金额' : '预估金额'}</dt>
              <dd className="money">{yuan(c.approvedAmountFen ?? c.assessedAmountFen)}</dd>
            </dl>
          </section>
          {c.status === 'returned' && <NoticeBar color="alert" wrap content={`需补充材料：${c.returnReason ?? ''}`} />}
          <section className="card">
            <h2 className="card-title">办理进度</h2>
            <Steps direction="vertical" current={timeline(c).current}>
              {timeline(c).steps.map((s) => (
                <Steps.Step
                  key={s.title}
                  title={s.title}
                  description={s.description}
                  status={s.done ? 'finish' : 'wait'}
                />
              ))}
            </Steps>
          </section>
          <section className="card">
            <h2 className="card-title">预估说明</h2>
            {c.assessments.map((a) => (
              <div key={a.policyId} className="assessment">
                <div className="card-head">
                  <span>{a.productName}</span>
                  <strong>{a.payable ? yuan(a.amountFen) : '不予给付'}</strong>
                </div>
                <ul className="lines">
                  {a.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              </div>
            ))}
            <p className="fineprint">预估金额由系统按产品规则计算，以办事处审核核准的金额为准。</p>
          </section>
          <section className="card">
            <h2 className="card-title">申领材料</h2>
            {c.status === 'returned' ? (
              <>
                <div className="slots">
                  {([1, 2, 3] as const).map((s) => (
                    <PhotoSlot
                      key={s}
                      slot={s}
                      label={materialSlots[s].replace(/（.*）/, '')}
                      done={c.materials.some((m) => m.slot === s)}
                      photo={photos[s]}
                      onPhoto={(p) => setPhotos((old) => ({ ...old, [s]: p }))}
                    />
                  ))}
                </div>
                <Button block color="primary" loading={busy} onClick={resubmit}>
                  补充材料并重新提交
                </Button>
              </>
            ) : (
              <ul className="lines">
                {c.materials.map((m) => (
                  <li key={m.id}>
                    {m.slot}. {m.slotLabel}：已上传
                  </li>
                ))}
                {c.missingSlots.map((s) => (
                  <li key={s} className="warn">
                    {s}. {materialSlots[s as 1 | 2 | 3]}：未上传
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
