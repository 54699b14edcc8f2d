import { Button, Checkbox, DotLoading, Form, Input, NavBar, Selector, Toast } from 'antd-mobile';
import { type ClaimKind, materialSlots, type MyPolicy } from '@huzhu/core';
import { useEffect, useMemo, useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { PhotoSlot, type SlotPhoto } from '../components/photo-slot.tsx';
import { claimKindText } from '../labels.ts';
import { useLoad } from '../use-load.ts';

/** Which facts each kind of claim needs (product.md §5); the engine on the server decides what they pay. */
const needs: Record<
  ClaimKind,
  { stay?: boolean; money?: boolean; disease?: boolean; grade?: boolean; cause: 'illness' | 'accident' | 'either' }
> = {
  critical_illness: { disease: true, cause: 'illness' },
  female_disease: { disease: true, cause: 'illness' },
  inpatient: { stay: true, money: true, cause: 'either' },
  accident_medical: { money: true, cause: 'accident' },
  disability: { grade: true, cause: 'accident' },
  death: { cause: 'either' },
};
const reimbursing = (k: ClaimKind | undefined) => k === 'inpatient' || k === 'accident_medical';
const toFen = (yuan: string) => Math.round(Number(yuan) * 100);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** File a claim for oneself: policy and kind from what the member holds, the facts the kind needs, three photos. */
export function ClaimNewPage({ navigate }: { navigate: (p: string) => void }) {
  const { data: policies, error: loadError } = useLoad(() => api.policies());
  const usable = useMemo(() => (policies ?? []).filter((p) => p.status !== 'cancelled'), [policies]);
  const [policyId, setPolicyId] = useState<string>('');
  const policy: MyPolicy | undefined = usable.find((p) => p.id === policyId);
  const [kind, setKind] = useState<ClaimKind | undefined>();
  const [cause, setCause] = useState<'illness' | 'accident'>('illness');
  const [f, setF] = useState({
    eventDate: '',
    admissionDate: '',
    dischargeDate: '',
    total: '',
    selfPaid: '',
    hospital: '',
    invoices: '',
    diseaseCode: '',
    grade: '',
  });
  const [inSitu, setInSitu] = useState(false);
  const [outside, setOutside] = useState(false);
  const [photos, setPhotos] = useState<Record<number, SlotPhoto>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!policyId && usable.length > 0) {
      const current = usable.find((p) => p.status === 'active' || p.status === 'waiting') ?? usable[0]!;
      setPolicyId(current.id);
    }
  }, [usable, policyId]);
  useEffect(() => {
    if (policy && (!kind || !policy.claimKinds.includes(kind))) setKind(policy.claimKinds[0]);
  }, [policy, kind]);
  useEffect(() => {
    if (kind && needs[kind].cause !== 'either') setCause(needs[kind].cause as 'illness' | 'accident');
  }, [kind]);

  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const n = kind ? needs[kind] : undefined;

  async function submit() {
    setError('');
    if (!policy || !kind || !n) return setError('请选择保障和申领类别');
    const eventDate = n.stay ? f.admissionDate : f.eventDate;
    if (!eventDate) return setError(n.stay ? '请填写入院日期' : '请填写事件日期');
    if (n.stay && !f.dischargeDate) return setError('请填写出院日期');
    if (n.money && (!f.total || !f.selfPaid)) return setError('请填写医疗费用总额和个人自付金额');
    if (n.disease && !f.diseaseCode) return setError('请选择所患疾病');
    if (n.grade && !f.grade) return setError('请填写伤残等级');
    const required = reimbursing(kind) ? [1, 2, 3] : [1, 2];
    const missing = required.filter((s) => !photos[s]);
    if (missing.length > 0) return setError(`请拍摄第 ${missing.join('、')} 项材料`);
    const body: Record<string, unknown> = { policyId: policy.id, kind, cause, eventDate };
    if (n.stay) Object.assign(body, { admissionDate: f.admissionDate, dischargeDate: f.dischargeDate });
    if (n.money) {
      Object.assign(body, { totalExpensesFen: toFen(f.total), selfPaidFen: toFen(f.selfPaid), outsideRegion: outside });
      const invoices = f.invoices.split(/[\s,，、]+/).filter(Boolean);
      if (invoices.length > 0) body.invoiceNumbers = invoices;
    }
    if (f.hospital.trim()) body.hospital = f.hospital.trim();
    if (n.disease) Object.assign(body, { diseaseCode: f.diseaseCode, inSitu });
    if (n.grade) body.disabilityGrade = Number(f.grade);
    setBusy(true);
    try {
      const claim = await api.fileClaim(body);
      for (const [slot, p] of Object.entries(photos)) await api.uploadMaterial(claim.id, Number(slot), p.blob);
      Toast.show({ icon: 'success', content: '申领已提交' });
      navigate(`claims/${claim.id}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <p className="form-error">{loadError}</p>;
  if (!policies)
    return (
      <div className="page center">
        <DotLoading color="primary" />
      </div>
    );

  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('claims')}>
        申请互助金
      </NavBar>
      <Form layout="vertical" className="form">
        <Form.Item label="申领哪项保障">
          <Selector
            columns={1}
            options={usable.map((p) => ({ label: `${p.productName}（${p.startDate} 起）`, value: p.id }))}
            value={policyId ? [policyId] : []}
            onChange={(v) => v[0] && setPolicyId(v[0])}
          />
        </Form.Item>
        {policy && (
          <Form.Item label="申领类别">
            <Selector
              columns={3}
              options={policy.claimKinds.map((k) => ({ label: claimKindText[k], value: k }))}
              value={kind ? [kind] : []}
              onChange={(v) => v[0] && setKind(v[0])}
            />
          </Form.Item>
        )}
        {n?.cause === 'either' && (
          <Form.Item label="原因">
            <Selector
              columns={2}
              options={[
                { label: '疾病', value: 'illness' },
                { label: '意外伤害', value: 'accident' },
              ]}
              value={[cause]}
              onChange={(v) => v[0] && setCause(v[0] as 'illness' | 'accident')}
            />
          </Form.Item>
        )}
        {n?.stay ? (
          <>
            <Form.Item label="入院日期">
              <input
                className="native-input"
                aria-label="入院日期"
                type="date"
                max={today()}
                value={f.admissionDate}
                onChange={(e) => set('admissionDate')(e.target.value)}
              />
            </Form.Item>
            <Form.Item label="出院日期">
              <input
                className="native-input"
                aria-label="出院日期"
                type="date"
                max={today()}
                value={f.dischargeDate}
                onChange={(e) => set('dischargeDate')(e.target.value)}
              />
            </Form.Item>
          </>
        ) : (
          n && (
            <Form.Item label={n.disease ? '确诊日期' : '事件日期'}>
              <input
                className="native-input"
                aria-label="事件日期"
                type="date"
                max={today()}
                value={f.eventDate}
                onChange={(e) => set('eventDate')(e.target.value)}
              />
            </Form.Item>
          )
        )}
        {n?.disease && policy && (
          <>
            <Form.Item label="所患疾病">
              <select
                className="native-input"
                aria-label="所患疾病"
                value={f.diseaseCode}
                onChange={(e) => set('diseaseCode')(e.target.value)}
              >
                <option value="">请选择</option>
                {policy.diseases.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </select>
            </Form.Item>
            <Form.Item>
              <Checkbox checked={inSitu} onChange={setInSitu}>
                原位癌
              </Checkbox>
            </Form.Item>
          </>
        )}
        {n?.money && (
          <>
            <Form.Item label="医疗费用总额（元）">
              <Input
                aria-label="医疗费用总额"
                inputMode="decimal"
                value={f.total}
                onChange={set('total')}
                placeholder="发票合计金额"
              />
            </Form.Item>
            <Form.Item label="个人自付（元）">
              <Input
                aria-label="个人自付"
                inputMode="decimal"
                value={f.selfPaid}
                onChange={set('selfPaid')}
                placeholder="医保结算单上的个人自付"
              />
            </Form.Item>
            <Form.Item label="发票号（多张用空格分开）">
              <Input aria-label="发票号" value={f.invoices} onChange={set('invoices')} />
            </Form.Item>
            <Form.Item>
              <Checkbox checked={outside} onChange={setOutside}>
                在重庆市外就医
              </Checkbox>
            </Form.Item>
          </>
        )}
        {n && (n.stay || n.money) && (
          <Form.Item label="医院">
            <Input aria-label="医院" value={f.hospital} onChange={set('hospital')} placeholder="就诊医院名称" />
          </Form.Item>
        )}
        {n?.grade && (
          <Form.Item label="伤残等级（1–10 级）">
            <Input
              aria-label="伤残等级"
              inputMode="numeric"
              value={f.grade}
              onChange={(v) => set('grade')(v.replace(/\D/g, '').slice(0, 2))}
            />
          </Form.Item>
        )}
      </Form>
      <section className="section">
        <h2 className="section-title">申领材料（拍照上传）</h2>
        <div className="slots">
          {([1, 2, 3] as const).map((s) => (
            <PhotoSlot
              key={s}
              slot={s}
              label={materialSlots[s].replace(/（.*）/, '')}
              hint={s === 3 ? (reimbursing(kind) ? '报销类必需' : '本类别可不传') : undefined}
              photo={photos[s]}
              onPhoto={(p) => setPhotos((old) => ({ ...old, [s]: p }))}
            />
          ))}
        </div>
      </section>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <Button block color="primary" size="large" loading={busy} onClick={submit}>
          提交申领
        </Button>
      </div>
    </div>
  );
}
