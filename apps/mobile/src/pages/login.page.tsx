import { Button, Form, Input, NavBar, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { useSession } from '../session.ts';

const MOBILE = /^1[3-9]\d{9}$/;

/** Sign in with mobile + 6-digit SMS code; a new number simply gets an account (no "unknown number" answer). */
export function LoginPage({ next, navigate }: { next: string; navigate: (p: string) => void }) {
  const session = useSession();
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  async function send() {
    setError('');
    if (!MOBILE.test(mobile)) return setError('请输入 11 位手机号');
    setSending(true);
    try {
      await api.sendCode(mobile);
      setWait(60);
      Toast.show({ content: '验证码已发送' });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSending(false);
    }
  }

  async function login() {
    setError('');
    if (!MOBILE.test(mobile)) return setError('请输入 11 位手机号');
    if (!/^\d{6}$/.test(code)) return setError('请输入 6 位验证码');
    setBusy(true);
    try {
      const s = await api.login(mobile, code);
      session.signedIn(s.member);
      // Cover and claims need the real name first; a verified member goes where they were heading.
      navigate(s.member.realNameVerified ? next || 'cover' : 'real-name');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('')}>
        登录
      </NavBar>
      <div className="intro">
        <h1 className="intro-title">手机号登录</h1>
        <p className="intro-text">未注册的手机号验证后自动注册。登录后完成实名认证，即可查看本人保障、在线申领。</p>
      </div>
      <Form layout="horizontal" className="form">
        <Form.Item label="手机号">
          <Input
            aria-label="手机号"
            type="tel"
            inputMode="numeric"
            maxLength={11}
            placeholder="请输入手机号"
            value={mobile}
            onChange={(v) => setMobile(v.replace(/\D/g, ''))}
            clearable
          />
        </Form.Item>
        <Form.Item
          label="验证码"
          extra={
            <Button
              size="small"
              color="primary"
              fill="none"
              disabled={wait > 0 || sending}
              onClick={send}
              aria-label="获取验证码"
            >
              {wait > 0 ? `${wait} 秒后重发` : '获取验证码'}
            </Button>
          }
        >
          <Input
            aria-label="验证码"
            inputMode="numeric"
            maxLength={6}
            placeholder="6 位数字"
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, ''))}
          />
        </Form.Item>
      </Form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <Button block color="primary" size="large" loading={busy} onClick={login}>
          登录
        </Button>
      </div>
    </div>
  );
}
