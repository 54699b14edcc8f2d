import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { login, sessionKey } from '../api/auth.api.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** Only same-site paths are followed after sign-in, so a crafted link cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;
  const session = useSession();

  const signIn = useMutation({
    mutationFn: (v: { username: string; password: string }) => login(v.username, v.password),
    meta: { ownErrors: true },
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(sessionKey, session);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  // Someone already signed in (another tab, a bookmark of /login) goes straight on.
  if (session.data && !signIn.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  return (
    <div className="login-page">
      <Button
        className="login-lang"
        ghost
        icon={<GlobalOutlined />}
        onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
      >
        {t('lang.switch')}
      </Button>
      <div>
        <Card className="login-card">
          <div className="login-brand">
            <span className="console-logo-mark">互</span>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          {expired && !signIn.error && (
            <Alert type="info" showIcon title={t('layout.sessionExpired')} style={{ marginBottom: 16 }} />
          )}
          {signIn.error && (
            <Alert
              type="error"
              showIcon
              title={signIn.error.message}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(v: { username: string; password: string }) => signIn.mutate(v)}
          >
            <Form.Item name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} placeholder={t('login.username')} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('login.password')}
                autoComplete="current-password"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: '16px 0 0' }}>
            {t('app.slogan')}
          </Typography.Paragraph>
        </Card>
        <div className="login-footer">{t('login.footer')}</div>
      </div>
    </div>
  );
}
