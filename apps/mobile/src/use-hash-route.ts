import { useCallback, useEffect, useState } from 'react';

/**
 * The shell's few pages live in the URL hash (#/claim), so a shared link opens the right page and the phone's back
 * button works, while the server only ever has to serve /m/index.html.
 */
const current = () => window.location.hash.replace(/^#\/?/, '');

export function useHashRoute(): [string, (path: string) => void] {
  const [path, setPath] = useState(current);

  useEffect(() => {
    const onChange = () => setPath(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const navigate = useCallback((to: string) => {
    window.location.hash = to ? `/${to}` : '';
  }, []);

  return [path, navigate];
}
