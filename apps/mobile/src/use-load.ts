import { useCallback, useEffect, useState } from 'react';
import { messageOf } from './api/api.ts';

/** Loads once (and again on `reload`): data, or the Chinese error of the failed call. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const [n, setN] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again.
  useEffect(() => {
    let live = true;
    setError('');
    load().then(
      (d) => live && setData(d),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [n, ...deps]);
  return { data, error, reload: useCallback(() => setN((x) => x + 1), []) };
}
