import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/http-client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * What a page shows when its object could not be loaded. Out-of-scope objects answer 404 on the server and look
 * exactly like missing ones here, so nothing about another agency's data leaks into the UI.
 */
export function LoadError({
  error,
  notFound,
  back,
}: {
  error: unknown;
  notFound: ReactNode;
  back: { to: string; label: string };
}) {
  const { t } = useI18n();
  const isNotFound = error instanceof ApiError && error.status === 404;
  return (
    <Result
      status={isNotFound ? '404' : 'error'}
      title={isNotFound ? '404' : t('common.loadFailed')}
      subTitle={isNotFound ? notFound : (error as Error).message}
      extra={
        <Link to={back.to}>
          <Button type="primary">{back.label}</Button>
        </Link>
      }
      data-testid={isNotFound ? 'not-found' : 'load-error'}
    />
  );
}
