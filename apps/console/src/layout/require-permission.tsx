import type { Permission } from '@huzhu/core';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCan } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** A page the role may not open shows why instead of a table of refusals (the server refuses regardless). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  const { t } = useI18n();
  if (can(permission)) return children;
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
