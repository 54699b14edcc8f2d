import { Button, Dialog, Form, Input, List, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { useSession } from '../session.ts';
import { useLoad } from '../use-load.ts';

/** 我的: the account, real-name status, the payout bank account (holder = the verified name), sign-out. */
export function MePage({ navigate }: { navigate: (p: string) => void }) {
  const session = useSession();
  const { data: me, reload } = useLoad(() => api.profile(), [session.account?.memberId]);
  const [editing, setEditing] = useState(false);
  const [bankName, setBankName] = useState('');
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function saveBank() {
    setError('');
    setBusy(true);
    try {
      await api.setBankAccount(bankName.trim(), account);
      Toast.show({ icon: 'success', content: '收款账户已保存' });
      setEditing(false);
      setAccount('');
      reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const verified = !!session.account?.realNameVerified;
  return (
    <div className="page">
      <h1 className="page-title">我的</h1>
      <List header="账号">
        <List.Item extra={session.account?.mobile}>手机号</List.Item>
        <List.Item
          extra={verified ? <Tag color="success">已认证</Tag> : <Tag color="warning">未认证</Tag>}
          onClick={() => navigate('real-name')}
          arrow
        >
          实名认证
        </List.Item>
        {verified && (
          <List.Item extra={`${session.account?.maskedName ?? ''} ${session.account?.idNumberMasked ?? ''}`}>
            身份信息
          </List.Item>
        )}
      </List>
      {verified && (
        <List header="服务">
          <List.Item onClick={() => navigate('complaints')} arrow data-testid="me-complaints">
            意见与投诉
          </List.Item>
        </List>
      )}
      {verified && (
        <List header="收款账户（互助金转入本人账户）">
          <List.Item extra={me?.holderName ?? ''}>户名</List.Item>
          <List.Item extra={me?.bankName ?? '未登记'}>开户银行</List.Item>
          <List.Item extra={me?.bankAccountMasked ?? '未登记'}>账号</List.Item>
          {!editing && (
            <List.Item onClick={() => setEditing(true)} arrow>
              {me?.bankAccountMasked ? '更换收款账户' : '登记收款账户'}
            </List.Item>
          )}
        </List>
      )}
      {editing && (
        <>
          <Form layout="horizontal" className="form">
            <Form.Item label="户名">
              <Input value={me?.holderName ?? ''} readOnly aria-label="户名" />
            </Form.Item>
            <Form.Item label="开户银行">
              <Input
                aria-label="开户银行"
                placeholder="如：中国工商银行重庆江北支行"
                value={bankName}
                onChange={setBankName}
              />
            </Form.Item>
            <Form.Item label="银行卡号">
              <Input
                aria-label="银行卡号"
                inputMode="numeric"
                placeholder="本人银行卡号"
                value={account}
                onChange={(v) => setAccount(v.replace(/[^\d ]/g, ''))}
              />
            </Form.Item>
          </Form>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <Button block color="primary" loading={busy} onClick={saveBank}>
              保存收款账户
            </Button>
          </div>
        </>
      )}
      <List header="服务">
        <List.Item onClick={() => navigate('faq')} arrow>
          政策问答
        </List.Item>
      </List>
      <div className="actions">
        <Button
          block
          fill="outline"
          onClick={async () => {
            if (await Dialog.confirm({ content: '确定退出登录？' })) {
              await session.signOut();
              navigate('');
            }
          }}
        >
          退出登录
        </Button>
      </div>
    </div>
  );
}
