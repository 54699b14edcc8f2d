import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * List filters live in the address bar, so a filtered list can be bookmarked, shared and reached with Back.
 * Changing a filter returns to page 1; changing the page keeps the filters.
 */
export function useSearchState() {
  const [params, setParams] = useSearchParams();

  const get = useCallback((key: string) => params.get(key) || undefined, [params]);

  const update = useCallback(
    (patch: Record<string, string | number | boolean | undefined | null>, keepPage = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!keepPage && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(500, Math.max(1, Number(params.get('pageSize')) || DEFAULT_PAGE_SIZE));
  return { params, get, update, page, pageSize };
}
