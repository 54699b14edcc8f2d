import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { type SmsRow, type SmsStatus, smsApi, smsKeys } from '../../api/sms.api.ts';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';

const statuses: SmsStatus[] = ['queued', 'sent', 'failed'];
const statusColor: Record<SmsStatus, string> = { queued: 'processing', sent: 'success', failed: 'error' };
const templates = [
  'claim_accepted',
  'claim_approved',
  'claim_rejected',
  'claim_returned',
  'claim_paid',
  'renewal_reminder',
  'login_code',
] as const;

/**
 * Texts sent to members (claim steps, renewal reminders): what was sent to whom (number masked), and what the SMS
 * provider answered — its code and reason when it refused, so a failed text can be followed up.
 */
export function SmsOutboxPage() {
  const { t } = useI18n();
  const { get, update, page, pageSize } = useSearchState();
  const status = get('status') as SmsStatus | undefined;
  const filters = { status: status && statuses.includes(status) ? status : undefined, page, pageSize };
  const outbox = useQuery({
    queryKey: smsKeys.outbox(filters),
    queryFn: () => smsApi.outbox(filters),
    placeholderData: keepPreviousData,
  });
  const templateLabel = (tpl: string) =>
    (templates as readonly string[]).includes(tpl) ? t(`sms.template.${tpl}` as MessageKey) : tpl;

  return (
    <>
      <PageHeader title={t('menu.sms')} subtitle={t('sms.subtitle')} />
      <Card>
        <Space className="filter-bar" wrap>
          <Select
            style={{ width: 160 }}
            allowClear
            placeholder={t('sms.allStatuses')}
            value={filters.status}
            onChange={(v?: SmsStatus) => update({ status: v })}
            options={statuses.map((s) => ({ value: s, label: t(`sms.status.${s}` as MessageKey) }))}
            data-testid="sms-status-filter"
          />
        </Space>
        <Table<SmsRow>
          rowKey="id"
          size="middle"
          loading={outbox.isFetching}
          dataSource={outbox.data?.items}
          scroll={{ x: 1080 }}
          pagination={{
            current: page,
            pageSize,
            total: outbox.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            { title: t('sms.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatInstant(v) },
            { title: t('sms.to'), dataIndex: 'toMasked', width: 110 },
            { title: t('sms.template'), dataIndex: 'template', width: 100, render: templateLabel },
            { title: t('sms.text'), dataIndex: 'text', width: 340 },
            {
              title: t('sms.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: string, m) =>
                // Without a provider a text is only recorded: it will not move on from queued.
                !m.provider && s === 'queued' ? (
                  <Tag>{t('sms.status.recorded')}</Tag>
                ) : (
                  <Tag color={statusColor[s as SmsStatus] ?? 'default'}>
                    {statuses.includes(s as SmsStatus) ? t(`sms.status.${s}` as MessageKey) : s}
                  </Tag>
                ),
            },
            {
              title: t('sms.provider'),
              key: 'provider',
              width: 200,
              render: (_: unknown, m) =>
                m.provider ? (
                  <Space direction="vertical" size={0}>
                    <span>
                      {m.provider === 'aliyun' ? t('sms.provider.aliyun') : m.provider}
                      {m.providerCode && (
                        <Typography.Text
                          type={m.status === 'failed' ? 'danger' : 'secondary'}
                          style={{ marginLeft: 6 }}
                        >
                          {m.providerCode}
                        </Typography.Text>
                      )}
                    </span>
                    {m.failureReason && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {m.failureReason}
                      </Typography.Text>
                    )}
                    {m.sentAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('sms.sentAt')} {formatInstant(m.sentAt)}
                      </Typography.Text>
                    )}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('sms.outboxOnly')}</Typography.Text>
                ),
            },
            {
              title: t('sms.about'),
              key: 'about',
              width: 90,
              render: (_: unknown, m) =>
                m.objectType === 'claim' && m.objectId ? (
                  <Link to={`/claims/${encodeURIComponent(m.objectId)}`}>{t('sms.openClaim')}</Link>
                ) : (
                  t('common.none')
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
