import { GlobalOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Flex, Layout, Menu, Result, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { Suspense, useRef, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { logout, sessionKey } from '../api/auth.api.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { menuItemsFor, menuKeyOf } from './menu-items.tsx';
import { TopSearch } from './top-search.tsx';

const { Header, Sider, Content } = Layout;

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** The signed-in frame: side menu by role, header with the user, role, language switch and sign-out. */
export function ConsoleLayout() {
  const { t, locale, setLocale, labels } = useI18n();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);
  const hadSession = useRef(false);
  const signingOut = useRef(false);

  if (session.isPending) return <FullPageSpin />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={session.error.message}
        extra={<Button onClick={() => session.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    const expired = hadSession.current && !signingOut.current;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace state={{ expired }} />;
  }
  hadSession.current = true;
  const { user } = session.data;

  async function signOut() {
    signingOut.current = true;
    try {
      await logout();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
      navigate('/login', { replace: true });
    }
  }

  return (
    <Layout className="console-shell">
      <Sider
        collapsible
        collapsed={collapsed}
        trigger={null}
        width={224}
        // On a phone-width screen the menu folds to its icons, so the page keeps the width it needs.
        breakpoint="md"
        onBreakpoint={(narrow) => setCollapsed(narrow)}
        className="console-sider"
        // The menu stays in view while a long table scrolls.
        style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }}
      >
        <div className="console-logo">
          <span className="console-logo-mark">互</span>
          {!collapsed && <span className="console-logo-text">{t('app.brand')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[menuKeyOf(location.pathname)]}
          items={menuItemsFor(user, t)}
          onClick={(e) => navigate(e.key)}
        />
      </Sider>
      <Layout>
        <Header className="console-header">
          <Button
            type="text"
            aria-label="menu"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
          />
          {navigation.state === 'loading' && <Spin size="small" />}
          <TopSearch />
          <Space size="middle" className="console-header-right">
            <Tooltip title={t('lang.current')}>
              <Button
                type="text"
                icon={<GlobalOutlined />}
                onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
                data-testid="lang-switch"
              >
                {t('lang.switch')}
              </Button>
            </Tooltip>
            <Space size="small" data-testid="current-user">
              <Avatar size="small" icon={<UserOutlined />} className="console-avatar" />
              <Typography.Text strong className="console-user-name">
                {user.displayName}
              </Typography.Text>
              <Tag color="blue" data-testid="role-label">
                {labels.role(user.role)}
              </Tag>
            </Space>
            <Button type="text" icon={<LogoutOutlined />} onClick={signOut}>
              {t('layout.logout')}
            </Button>
          </Space>
        </Header>
        <Content className="console-content">
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
