import { useEffect } from 'react';
import { findFeature } from './features.ts';
import { ComingSoonPage } from './pages/coming-soon.page.tsx';
import { HomePage } from './pages/home.page.tsx';
import { VerifyPage } from './pages/verify.page.tsx';
import { useHashRoute } from './use-hash-route.ts';

export function App() {
  const [path, navigate] = useHashRoute();
  const feature = findFeature(path);

  const verifyCode = /^verify\/([A-Za-z0-9_-]{1,64})$/.exec(path)?.[1];

  useEffect(() => {
    document.title = verifyCode
      ? '参保凭证验真 · 重庆职工互助保障'
      : feature
        ? `${feature.title} · 重庆职工互助保障`
        : '重庆职工互助保障';
    window.scrollTo(0, 0);
  }, [feature, verifyCode]);

  if (verifyCode) return <VerifyPage code={verifyCode} onBack={() => navigate('')} />;
  if (feature) return <ComingSoonPage feature={feature} onBack={() => navigate('')} />;
  return <HomePage onOpen={(key) => navigate(key)} />;
}
