import { FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { adminApi, adminKeys, type AuditEntryView, type AuditFilters } from '../api/admin.api.ts';
import { formatInstant } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Audit instants are UTC; a filter day means that calendar day in China (UTC+8, no daylight saving). */
const chinaDayStart = (d: string) => new Date(`${d}T00:00:00.000+08:00`).toISOString();
const chinaDayEnd = (d: string) => new Date(`${d}T23:59:59.999+08:00`).toISOString();

const objectLinks: Record<string, (id: string) => string> = {
  member: (id) => `/members/${encodeURIComponent(id)}`,
  unit: (id) => `/units/${encodeURIComponent(id)}`,
  claim: (id) => `/claims/${encodeURIComponent(id)}`,
  payout_batch: (id) => `/payouts/${encodeURIComponent(id)}`,
  enrolment_batch: (id) => `/batches/${encodeURIComponent(id)}`,
  relief_application: (id) => `/relief/${encodeURIComponent(id)}`,
};

function JsonBlock({ value, empty }: { value: unknown; empty: string }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditPage() {
  const { t, labels } = useI18n();
  const { get, update, page, pageSize } = useSearchState();
  const fromDay = get('from');
  const toDay = get('to');
  const filters: AuditFilters = {
    action: get('action'),
    objectType: get('objectType'),
    objectId: get('objectId'),
    actorId: get('actorId'),
    from: fromDay ? chinaDayStart(fromDay) : undefined,
    to: toDay ? chinaDayEnd(toDay) : undefined,
    page,
    pageSize,
  };
  const audit = useQuery({
    queryKey: adminKeys.audit(filters),
    queryFn: () => adminApi.audit(filters),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('menu.audit')} subtitle={t('audit.subtitle')} />
      <Card>
        <Space className="filter-bar" wrap>
          <AutoComplete
            key={`a-${filters.action ?? ''}`}
            style={{ width: 220 }}
            allowClear
            defaultValue={filters.action}
            placeholder={t('audit.action')}
            options={labels.knownAuditActions.map((a) => ({ value: a, label: `${labels.auditAction(a)}  ${a}` }))}
            onSelect={(v: string) => update({ action: v })}
            onClear={() => update({ action: undefined })}
            onBlur={(e) => update({ action: (e.target as HTMLInputElement).value.trim() || undefined })}
          />
          <Select
            style={{ width: 160 }}
            allowClear
            placeholder={t('audit.objectType')}
            value={filters.objectType}
            onChange={(v?: string) => update({ objectType: v })}
            options={labels.knownObjectTypes.map((o) => ({ value: o, label: labels.objectType(o) }))}
          />
          <Input.Search
            key={`o-${filters.objectId ?? ''}`}
            style={{ width: 240 }}
            allowClear
            defaultValue={filters.objectId}
            placeholder={t('audit.objectId')}
            onSearch={(v) => update({ objectId: v.trim() })}
          />
          <DatePicker.RangePicker
            value={fromDay && toDay ? [dayjs(fromDay), dayjs(toDay)] : null}
            onChange={(range) =>
              update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
          />
          {filters.actorId && (
            <Tag closable color="blue" onClose={() => update({ actorId: undefined, actorName: undefined })}>
              {t('audit.actorFilter', { name: get('actorName') ?? filters.actorId })}
            </Tag>
          )}
        </Space>
        <Table<AuditEntryView>
          rowKey="id"
          size="middle"
          loading={audit.isFetching}
          dataSource={audit.data?.items}
          scroll={{ x: 1000 }}
          expandable={{
            expandedRowRender: (e) => (
              <Row gutter={16}>
                <Col span={12}>
                  <Typography.Text strong>{t('audit.before')}</Typography.Text>
                  <JsonBlock value={e.before} empty={t('audit.noPayload')} />
                </Col>
                <Col span={12}>
                  <Typography.Text strong>{t('audit.after')}</Typography.Text>
                  <JsonBlock value={e.after} empty={t('audit.noPayload')} />
                </Col>
              </Row>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => formatInstant(v) },
            {
              title: t('audit.actor'),
              key: 'actor',
              width: 220,
              render: (_: unknown, e) =>
                e.actorId ? (
                  <Space size={4}>
                    <span>{e.actorName ?? e.actorId}</span>
                    <Tooltip title={t('audit.filterByActor')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<FilterOutlined />}
                        onClick={() => update({ actorId: e.actorId, actorName: e.actorName })}
                      />
                    </Tooltip>
                  </Space>
                ) : (
                  t('common.none')
                ),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              width: 240,
              render: (a: string) => (
                <Space size={6}>
                  <span>{labels.auditAction(a)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('audit.objectType'),
              dataIndex: 'objectType',
              width: 110,
              render: (o: string) => labels.objectType(o),
            },
            {
              title: t('audit.objectId'),
              dataIndex: 'objectId',
              render: (id: string | null, e) => {
                if (!id) return t('common.none');
                const link = objectLinks[e.objectType];
                const text = <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{id}</span>;
                return link ? <Link to={link(id)}>{text}</Link> : text;
              },
            },
            { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? t('common.none') },
          ]}
        />
      </Card>
    </>
  );
}
