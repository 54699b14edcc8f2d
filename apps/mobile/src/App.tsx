import { DotLoading, TabBar } from 'antd-mobile';
import { AppOutline, FileOutline, UserOutline, CheckShieldOutline } from 'antd-mobile-icons';
import { useEffect } from 'react';
import { CertificatePage } from './pages/certificate.page.tsx';
import { ClaimDetailPage } from './pages/claim-detail.page.tsx';
import { ClaimNewPage } from './pages/claim-new.page.tsx';
import { ClaimsPage } from './pages/claims.page.tsx';
import { ComplaintsPage } from './pages/complaints.page.tsx';
import { CoverPage } from './pages/cover.page.tsx';
import { FacePage } from './pages/face.page.tsx';
import { rememberedChannel } from './enrol-journey.ts';
import { EnrolLandingPage, GigOrderPage } from './pages/enrol.page.tsx';
import { FaqPage } from './pages/faq.page.tsx';
import { GiftClaimPage } from './pages/gift.page.tsx';
import { HomePage } from './pages/home.page.tsx';
import { LoginPage } from './pages/login.page.tsx';
import { MePage } from './pages/me.page.tsx';
import { RealNamePage } from './pages/real-name.page.tsx';
import { ReliefDetailPage } from './pages/relief-detail.page.tsx';
import { VerifyPage } from './pages/verify.page.tsx';
import { SessionContext, useSessionState } from './session.ts';
import { useHashRoute } from './use-hash-route.ts';

const tabs = [
  { key: '', title: '首页', icon: <AppOutline /> },
  { key: 'cover', title: '我的保障', icon: <CheckShieldOutline /> },
  { key: 'claims', title: '申领', icon: <FileOutline /> },
  { key: 'me', title: '我的', icon: <UserOutline /> },
];
const titles: Record<string, string> = {
  '': '重庆职工互助保障',
  login: '登录',
  'real-name': '实名认证',
  cover: '我的保障',
  claims: '申领',
  me: '我的',
  complaints: '意见与投诉',
  faq: '政策问答',
  relief: '救助慰问',
};
/** Pages that need a signed-in member; the rest (home, FAQ, certificate check) are open to anyone. */
const needsSignIn = new Set(['real-name', 'cover', 'claims', 'me', 'gig', 'gift', 'complaints', 'relief']);

export function App() {
  const [path, navigate] = useHashRoute();
  const session = useSessionState();
  const [head = '', second, third] = path.split('?')[0]!.split('/');

  // biome-ignore lint/correctness/useExhaustiveDependencies: every new page (path) starts at the top.
  useEffect(() => {
    document.title = `${titles[head] ?? '会员服务'} · 重庆职工互助保障`;
    window.scrollTo(0, 0);
  }, [head, path]);

  if (head === 'verify' && second) return <VerifyPage code={second} onBack={() => navigate('')} />;
  if (needsSignIn.has(head) && session.account === null) {
    return (
      <SessionContext.Provider value={session}>
        <LoginPage next={path} navigate={navigate} />
      </SessionContext.Provider>
    );
  }
  if (needsSignIn.has(head) && session.account === undefined)
    return (
      <div className="page center">
        <DotLoading color="primary" />
      </div>
    );

  let page: React.ReactNode;
  let tabbed = true;
  if (head === 'login') {
    page = <LoginPage next="" navigate={navigate} />;
    tabbed = false;
  } else if (head === 'real-name' && second && (third === 'face' || third === 'result')) {
    page = <FacePage verificationId={second} returned={third === 'result'} navigate={navigate} />;
    tabbed = false;
  } else if (head === 'real-name') {
    page = <RealNamePage navigate={navigate} />;
    tabbed = false;
  } else if (head === 'cover' && second) {
    page = <CertificatePage policyId={second} navigate={navigate} />;
    tabbed = false;
  } else if (head === 'cover') page = <CoverPage navigate={navigate} />;
  else if (head === 'claims' && second === 'new') {
    page = <ClaimNewPage navigate={navigate} />;
    tabbed = false;
  } else if (head === 'claims' && second) {
    page = <ClaimDetailPage claimId={second} navigate={navigate} />;
    tabbed = false;
  } else if (head === 'claims') page = <ClaimsPage navigate={navigate} />;
  else if (head === 'relief' && second) {
    page = <ReliefDetailPage reliefId={second} navigate={navigate} />;
    tabbed = false;
  } else if (head === 'me') page = <MePage navigate={navigate} />;
  else if (head === 'complaints') {
    page = <ComplaintsPage navigate={navigate} />;
    tabbed = false;
  } else if (head === 'faq') {
    page = <FaqPage navigate={navigate} />;
    tabbed = false;
  } else if (head === 'enrol' || (head === '' && new URLSearchParams(window.location.search).has('c'))) {
    // A scanned channel poster (/m/?c=CODE) opens the enrolment landing.
    rememberedChannel();
    page = <EnrolLandingPage navigate={navigate} />;
    tabbed = false;
  } else if (head === 'gig' && second === 'order' && third) {
    page = <GigOrderPage enrolmentId={third} navigate={navigate} />;
    tabbed = false;
  } else if (head === 'gift' && second) {
    page = <GiftClaimPage campaignId={second} navigate={navigate} />;
    tabbed = false;
  } else if (head === 'gig') {
    page = <GigOrderPage productCode={second} navigate={navigate} />;
    tabbed = false;
  } else page = <HomePage navigate={navigate} />;

  return (
    <SessionContext.Provider value={session}>
      <div className={tabbed ? 'with-tabs' : undefined}>{page}</div>
      {tabbed && (
        <nav className="tabbar" aria-label="主导航">
          <TabBar activeKey={head} onChange={(k) => navigate(k)} safeArea>
            {tabs.map((t) => (
              <TabBar.Item key={t.key} icon={t.icon} title={t.title} />
            ))}
          </TabBar>
        </nav>
      )}
    </SessionContext.Provider>
  );
}
