import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { allows, type PageAccess } from './page-access.ts';

/** A page the role may not open shows why instead of a table of refusals (the server refuses regardless). */
export function RequirePermission({ permission, children }: { permission: PageAccess; children: ReactNode }) {
  const { user } = useCurrentSession();
  const { t } = useI18n();
  if (allows(user, permission)) return children;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
