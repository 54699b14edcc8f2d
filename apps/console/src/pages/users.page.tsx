import { PlusOutlined } from '@ant-design/icons';
import type { User } from '@huzhu/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { adminApi, adminKeys, type UserPatch } from '../api/admin.api.ts';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { useCurrentSession } from '../auth/session.tsx';
import { formatInstant } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { UnitName } from '../components/unit-name.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { PasswordResetModal } from './password-reset.modal.tsx';
import { SecurityAlerts } from './security-alerts.tsx';
import { UserCreateModal } from './user-create.modal.tsx';

const isLocked = (u: User) => !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();

export function UsersPage() {
  const { t, labels } = useI18n();
  const { message } = App.useApp();
  const { user: me } = useCurrentSession();
  const queryClient = useQueryClient();
  const { get, update, page, pageSize } = useSearchState();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const query = { q: get('q'), page, pageSize };
  const users = useQuery({
    queryKey: adminKeys.users(query),
    queryFn: () => adminApi.users(query),
    placeholderData: keepPreviousData,
  });
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies });
  const agencyNames = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);

  const patch = useMutation({
    mutationFn: (v: { id: string; patch: UserPatch }) => adminApi.updateUser(v.id, v.patch),
    onSuccess: () => {
      message.success(t('users.updated'));
      queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });

  return (
    <>
      <PageHeader
        title={t('menu.users')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
      />
      <SecurityAlerts />
      <Card>
        <Space className="filter-bar">
          <Input.Search
            key={query.q ?? ''}
            allowClear
            defaultValue={query.q}
            placeholder={t('users.searchPlaceholder')}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 280 }}
          />
        </Space>
        <Table<User>
          rowKey="id"
          size="middle"
          loading={users.isFetching}
          dataSource={users.data?.items}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            { title: t('users.username'), dataIndex: 'username', width: 140 },
            { title: t('users.displayName'), dataIndex: 'displayName', width: 160 },
            {
              title: t('users.role'),
              dataIndex: 'role',
              width: 150,
              render: (r: User['role']) => <Tag color="blue">{labels.role(r)}</Tag>,
            },
            {
              title: t('users.org'),
              key: 'org',
              render: (_: unknown, u) => {
                if (u.agencyId) return agencyNames.get(u.agencyId) ?? u.agencyId;
                if (u.unitId) return <UnitName id={u.unitId} />;
                return t('common.none');
              },
            },
            {
              title: t('users.status'),
              key: 'status',
              width: 150,
              render: (_: unknown, u) => (
                <Space size={4}>
                  {u.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
                  {isLocked(u) && <Tag color="red">{t('users.locked')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('users.lastLogin'),
              dataIndex: 'lastLoginAt',
              width: 150,
              render: (v: string | null) => formatInstant(v),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 230,
              render: (_: unknown, u) => (
                <Space size={0}>
                  {u.disabled ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => patch.mutate({ id: u.id, patch: { disabled: false } })}
                    >
                      {t('users.enable')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('users.disableConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => patch.mutate({ id: u.id, patch: { disabled: true } })}
                      disabled={u.id === me.id}
                    >
                      <Button type="link" size="small" danger disabled={u.id === me.id}>
                        {t('users.disable')}
                      </Button>
                    </Popconfirm>
                  )}
                  {isLocked(u) && (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => patch.mutate({ id: u.id, patch: { unlock: true } })}
                    >
                      {t('users.unlock')}
                    </Button>
                  )}
                  <Button type="link" size="small" onClick={() => setResetting(u)}>
                    {t('users.resetPassword')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <UserCreateModal open={creating} onClose={() => setCreating(false)} />
      <PasswordResetModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
