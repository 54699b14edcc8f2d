import type { Complaint, ComplaintKind, ComplaintSubject } from '@huzhu/core';
import {
  Button,
  DotLoading,
  ErrorBlock,
  Form,
  NavBar,
  Radio,
  Selector,
  Space,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { claimKindText } from '../labels.ts';
import { useSession } from '../session.ts';
import { useLoad } from '../use-load.ts';
import { ListCeiling } from '../components/list-ceiling.tsx';

const statusText: Record<Complaint['status'], string> = {
  open: '待答复',
  escalated: '督办中',
  answered: '已答复',
};
const statusColor: Record<Complaint['status'], 'primary' | 'danger' | 'success'> = {
  open: 'primary',
  escalated: 'danger',
  answered: 'success',
};
const kindText: Record<ComplaintKind, string> = { complaint: '投诉', feedback: '意见建议' };

/**
 * 我的 → 意见与投诉: the member's own complaints and feedback with the answers, and a form to file one about one of
 * their claims or policies. The agency answers within 3 working days; overdue ones go to the office.
 */
export function ComplaintsPage({ navigate }: { navigate: (p: string) => void }) {
  const { account } = useSession();
  const verified = !!account?.realNameVerified;
  const [filing, setFiling] = useState(false);
  const { data, error, reload } = useLoad(() => (verified ? api.complaints() : Promise.resolve(null)), [verified]);
  if (!verified)
    return (
      <div className="page">
        <NavBar onBack={() => navigate('me')}>意见与投诉</NavBar>
        <ErrorBlock status="empty" title="请先完成实名认证" description="认证后即可就本人的申领、参保提出意见" />
      </div>
    );
  if (filing)
    return (
      <ComplaintForm
        onDone={() => {
          setFiling(false);
          reload();
        }}
      />
    );
  return (
    <div className="page">
      <NavBar onBack={() => navigate('me')}>意见与投诉</NavBar>
      <div className="actions top">
        <Button block color="primary" onClick={() => setFiling(true)} data-testid="complaint-new">
          提交意见或投诉
        </Button>
      </div>
      {error && <p className="form-error">{error}</p>}
      {!data && !error && (
        <div className="center">
          <DotLoading color="primary" />
        </div>
      )}
      {data && data.items.length === 0 && (
        <ErrorBlock status="empty" title="还没有提交过意见" description="工作人员将在 3 个工作日内答复" />
      )}
      <ul className="cards" data-testid="complaint-list">
        {data?.items.map((c) => (
          <li key={c.id} className="card">
            <div className="card-title complaint-head">
              <strong>
                {kindText[c.kind]} · {c.subjectLabel}
              </strong>
              <Tag color={statusColor[c.status]}>{statusText[c.status]}</Tag>
            </div>
            <p className="card-text">
              {c.number} · {c.filedOn} 提交 · 答复期限 {c.dueDate}
            </p>
            <p>{c.content}</p>
            {c.answer ? (
              <div className="complaint-answer" data-testid="complaint-answer">
                <p className="card-text">答复（{c.answeredOn}）</p>
                <p>{c.answer}</p>
              </div>
            ) : (
              <p className="card-text">等待答复</p>
            )}
          </li>
        ))}
      </ul>
      {data && <ListCeiling shown={data.items.length} total={data.total} />}
    </div>
  );
}

function ComplaintForm({ onDone }: { onDone: () => void }) {
  const [kind, setKind] = useState<ComplaintKind>('complaint');
  const [subjectKind, setSubjectKind] = useState<ComplaintSubject>('claim');
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const { data: options } = useLoad(async () => {
    if (subjectKind === 'claim')
      return (await api.claims()).items.map((c) => ({
        value: c.id,
        label: `${claimKindText[c.kind]} ${c.eventDate}`,
      }));
    return (await api.policies()).map((p) => ({ value: p.id, label: `${p.productName} ${p.startDate} 起` }));
  }, [subjectKind]);

  async function submit() {
    setError('');
    if (!subjectId) return setError('请选择涉及的申领或参保记录');
    if (content.trim().length < 5) return setError('内容至少 5 个字');
    setBusy(true);
    try {
      const c = await api.fileComplaint({ kind, subjectKind, subjectId, content: content.trim() });
      Toast.show({ icon: 'success', content: `已提交，将于 ${c.dueDate} 前答复` });
      onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <NavBar onBack={onDone}>提交意见或投诉</NavBar>
      <Form layout="vertical" className="form">
        <Form.Item label="类型">
          <Radio.Group value={kind} onChange={(v) => setKind(v as ComplaintKind)}>
            <Space>
              <Radio value="complaint">投诉</Radio>
              <Radio value="feedback">意见建议</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label="涉及业务">
          <Selector
            columns={2}
            value={[subjectKind]}
            onChange={(v) => {
              if (v[0]) {
                setSubjectKind(v[0] as ComplaintSubject);
                setSubjectId(null);
              }
            }}
            options={[
              { label: '互助金申领', value: 'claim' },
              { label: '参保', value: 'policy' },
            ]}
          />
        </Form.Item>
        <Form.Item label="涉及事项">
          {options && options.length === 0 ? (
            <p className="card-text">没有可选的记录</p>
          ) : (
            <Selector
              columns={1}
              value={subjectId ? [subjectId] : []}
              onChange={(v) => setSubjectId(v[0] ?? null)}
              options={options ?? []}
            />
          )}
        </Form.Item>
        <Form.Item label="内容">
          <TextArea
            aria-label="内容"
            placeholder="请写明情况和诉求（5–1000 字）"
            maxLength={1000}
            showCount
            rows={5}
            value={content}
            onChange={setContent}
          />
        </Form.Item>
      </Form>
      {error && <p className="form-error">{error}</p>}
      <div className="actions">
        <Button block color="primary" loading={busy} onClick={submit} data-testid="complaint-submit">
          提交
        </Button>
      </div>
    </div>
  );
}
