import { type QueuePerson, queueSteps } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Empty, List, QRCode, Space, Spin, Tag, Typography } from 'antd';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { channelQueueApi, channelQueueKeys } from '../../api/channel-queue.api.ts';
import { useSession } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { LoadError } from '../../components/query-state.tsx';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';

/** The list is read again this often while the page is open (the clerk's phone or tablet at the station). */
const POLL_MS = 10_000;

/**
 * 现场服务 (on-site service): a full-screen page for an agency clerk's phone or tablet at a station — no side menu, one
 * column from 375 px up. It shows the channel's QR code for riders to scan and enrol on their own phones, and a list
 * of today's people (polled every 10 s) with each one's step and who is stuck. The server scopes the channel: another
 * agency's answers 404.
 */
export function ChannelQueuePage() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending)
    return (
      <div className="queue-page center">
        <Spin />
      </div>
    );
  if (!session.data)
    return <Navigate to={`/login?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`} replace />;
  return <QueueView />;
}

function QueueView() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: channelQueueKeys.queue(id),
    queryFn: () => channelQueueApi.queue(id),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
  if (q.isPending)
    return (
      <div className="queue-page center">
        <Spin />
      </div>
    );
  if (q.isError && !q.data)
    return (
      <div className="queue-page">
        <LoadError
          error={q.error}
          notFound={t('reports.notFound')}
          back={{ to: '/channels', label: t('menu.channels') }}
        />
      </div>
    );
  const data = q.data;
  const stepIndex = (p: QueuePerson) => queueSteps.indexOf(p.step);
  return (
    <div className="queue-page" data-testid="queue-page">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div className="queue-head">
          <Button type="link" onClick={() => navigate('/channels')} style={{ paddingInline: 0 }}>
            ← {t('menu.channels')}
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('queue.title')} · {data.channel.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t(`channels.kind.${data.channel.kind}` as MessageKey)}
            {data.channel.agencyName ? ` · ${data.channel.agencyName}` : ''}
          </Typography.Text>
        </div>
        {data.channel.status === 'closed' && <Alert type="warning" showIcon title={t('queue.closed')} />}
        <Card size="small" className="queue-qr">
          <Space orientation="vertical" align="center" style={{ width: '100%' }}>
            <QRCode value={data.channel.url} size={220} data-testid="queue-qr" />
            <Typography.Text code copyable>
              {data.channel.code}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('queue.subtitle')}
            </Typography.Text>
          </Space>
        </Card>
        <Space wrap>
          <Tag color="blue" data-testid="queue-total">
            {t('queue.today', { count: data.counts.total })}
          </Tag>
          <Tag color="green">{t('queue.finished', { count: data.counts.finished })}</Tag>
          <Tag color={data.counts.stuck > 0 ? 'red' : 'default'} data-testid="queue-stuck">
            {t('queue.stuck', { count: data.counts.stuck })}
          </Tag>
          {q.isFetching && <Spin size="small" />}
        </Space>
        <Card size="small">
          {data.people.length === 0 ? (
            <Empty description={t('queue.empty')} />
          ) : (
            <List
              data-testid="queue-list"
              dataSource={data.people}
              rowKey={(p) => p.accountId}
              renderItem={(p) => (
                <List.Item className={p.stuck ? 'queue-stuck' : undefined}>
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text strong>{p.maskedName ?? p.maskedMobile}</Typography.Text>
                      {p.maskedName && <Typography.Text type="secondary">{p.maskedMobile}</Typography.Text>}
                      <Badge
                        status={
                          p.step === 'covered' || p.step === 'paid' ? 'success' : p.stuck ? 'error' : 'processing'
                        }
                        text={t(`queue.step.${p.step}`)}
                      />
                      {p.stuck && <Tag color="red">{t('queue.stuckTag', { minutes: p.stuckMinutes })}</Tag>}
                    </Space>
                    <div className="queue-steps">
                      {queueSteps.map((s, i) => (
                        <span
                          key={s}
                          className={`queue-step ${
                            i < stepIndex(p) || (i === stepIndex(p) && !p.stuck)
                              ? 'done'
                              : i === stepIndex(p)
                                ? 'stuck'
                                : 'todo'
                          }`}
                        >
                          {t(`queue.step.${s}`)}
                        </span>
                      ))}
                    </div>
                    <Typography.Text type="secondary">
                      {t('queue.since', { time: formatInstant(p.firstSeenAt) })} · {t(`queue.next.${p.step}`)}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Space>
    </div>
  );
}
