import type { SecurityAlert } from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, List } from 'antd';
import { adminApi, adminKeys } from '../api/admin.api.ts';
import { useCan } from '../auth/session.tsx';
import { formatInstant } from '../components/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The office admin's alerts about accounts locked by repeated wrong passwords (each lock, from the server's
 * security alerts): shown while the lock lasts, with a button to lift it. Nothing for other roles.
 */
export function SecurityAlerts() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const allowed = can('user.manage');
  const alerts = useQuery({
    queryKey: adminKeys.securityAlerts,
    queryFn: adminApi.securityAlerts,
    enabled: allowed,
    refetchInterval: 60_000,
  });
  const unlock = useMutation({
    mutationFn: (userId: string) => adminApi.updateUser(userId, { unlock: true }),
    onSuccess: () => {
      message.success(t('users.updated'));
      queryClient.invalidateQueries({ queryKey: adminKeys.securityAlerts });
      queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const current = (alerts.data?.items ?? []).filter((a: SecurityAlert) => a.lockedUntil !== null);
  if (!allowed || current.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      // The server keeps the accounts locked now and counts them all; the list shows the newest page of them.
      title={t('alerts.title', { count: Math.max(alerts.data?.total ?? 0, current.length) })}
      description={
        <List<SecurityAlert>
          size="small"
          dataSource={current}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button key="unlock" type="link" size="small" onClick={() => unlock.mutate(a.userId)}>
                  {t('users.unlock')}
                </Button>,
              ]}
            >
              {a.message}（{formatInstant(a.createdAt)}）
            </List.Item>
          )}
        />
      }
    />
  );
}
