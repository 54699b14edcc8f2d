import { useEffect } from 'react';
import { findFeature } from './features.ts';
import { ComingSoonPage } from './pages/coming-soon.page.tsx';
import { HomePage } from './pages/home.page.tsx';
import { useHashRoute } from './use-hash-route.ts';

export function App() {
  const [path, navigate] = useHashRoute();
  const feature = findFeature(path);

  useEffect(() => {
    document.title = feature ? `${feature.title} · 重庆职工互助保障` : '重庆职工互助保障';
    window.scrollTo(0, 0);
  }, [feature]);

  if (feature) return <ComingSoonPage feature={feature} onBack={() => navigate('')} />;
  return <HomePage onOpen={(key) => navigate(key)} />;
}
