import { UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type GiftCampaignView, type GiftGrantView, giftKeys, giftsApi } from '../../api/gifts.api.ts';
import { orgApi, orgKeys } from '../../api/org.api.ts';
import { useCan } from '../../auth/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useI18n } from '../../i18n/i18n.tsx';

interface FormValues {
  name: string;
  sponsor: string;
  budgetCount: number;
  period: [Dayjs, Dayjs];
  employmentKinds?: ('employee' | 'gig')[];
  agencyIds?: string[];
  minAge?: number | null;
  maxAge?: number | null;
}

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * 赠险活动: sponsors' gift cover campaigns — search by name or sponsor, filter by status, paged; the office creates,
 * edits (budget, period, eligibility) and closes them; the office and agency staff grant gifts from a roster file.
 */
export function GiftCampaignsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const manage = can('gift.manage');
  const qc = useQueryClient();
  const { get, update, page, pageSize } = useSearchState();
  const status = get('status');
  const filters = {
    q: get('q') || undefined,
    status: status === 'open' || status === 'closed' ? status : undefined,
    page,
    pageSize,
  } as const;
  const list = useQuery({
    queryKey: giftKeys.list(filters),
    queryFn: () => giftsApi.list(filters),
    placeholderData: keepPreviousData,
  });
  const agencies = useQuery({ queryKey: orgKeys.agencies, queryFn: orgApi.agencies });
  const agencyName = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  const [editing, setEditing] = useState<GiftCampaignView | 'new' | null>(null);
  const [granting, setGranting] = useState<GiftCampaignView | null>(null);
  const [form] = Form.useForm<FormValues>();
  const refresh = () => void qc.invalidateQueries({ queryKey: giftKeys.all });

  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      const eligibility = {
        ...(v.employmentKinds?.length ? { employmentKinds: v.employmentKinds } : {}),
        ...(v.agencyIds?.length ? { agencyIds: v.agencyIds } : {}),
        ...(typeof v.minAge === 'number' ? { minAge: v.minAge } : {}),
        ...(typeof v.maxAge === 'number' ? { maxAge: v.maxAge } : {}),
      };
      const body = {
        name: v.name,
        sponsor: v.sponsor,
        budgetCount: v.budgetCount,
        startDate: ymd(v.period[0]),
        endDate: ymd(v.period[1]),
        eligibility,
      };
      return editing && editing !== 'new' ? giftsApi.update(editing.id, body) : giftsApi.create(body);
    },
    onSuccess: () => {
      message.success(t('gifts.saved'));
      setEditing(null);
      form.resetFields();
      refresh();
    },
  });
  const close = useMutation({ mutationFn: giftsApi.close, onSuccess: refresh });

  const open = (c: GiftCampaignView | 'new') => {
    setEditing(c);
    form.setFieldsValue(
      c === 'new'
        ? {
            name: '',
            sponsor: '',
            budgetCount: 1000,
            period: [dayjs(), dayjs().add(3, 'month')],
            employmentKinds: ['gig'],
            agencyIds: [],
            minAge: null,
            maxAge: null,
          }
        : {
            name: c.name,
            sponsor: c.sponsor,
            budgetCount: c.budgetCount,
            period: [dayjs(c.startDate), dayjs(c.endDate)],
            employmentKinds: c.eligibility.employmentKinds ?? [],
            agencyIds: c.eligibility.agencyIds ?? [],
            minAge: c.eligibility.minAge ?? null,
            maxAge: c.eligibility.maxAge ?? null,
          },
    );
  };

  const eligibilityText = (c: GiftCampaignView) => {
    const e = c.eligibility;
    const parts = [
      e.employmentKinds?.length ? e.employmentKinds.map((k) => t(`gifts.kind.${k}`)).join('、') : null,
      e.agencyIds?.length ? e.agencyIds.map(agencyName).join('、') : null,
      e.minAge !== undefined || e.maxAge !== undefined ? `${e.minAge ?? 16}–${e.maxAge ?? 65}` : null,
    ].filter(Boolean);
    return parts.length ? parts.join('；') : t('gifts.any');
  };

  return (
    <>
      <PageHeader
        title={t('menu.gifts')}
        subtitle={t('gifts.subtitle')}
        extra={
          manage && (
            <Button type="primary" onClick={() => open('new')} data-testid="gift-new">
              {t('gifts.new')}
            </Button>
          )
        }
      />
      <Card>
        <Space className="filter-bar" wrap>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('gifts.search')}
            defaultValue={filters.q}
            onSearch={(v) => update({ q: v || undefined })}
            data-testid="gift-search"
          />
          <Select
            style={{ width: 140 }}
            allowClear
            placeholder={t('gifts.allStatuses')}
            value={filters.status}
            onChange={(v?: string) => update({ status: v })}
            options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`gifts.status.${s}`) }))}
          />
        </Space>
        <Table<GiftCampaignView>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          scroll={{ x: 1100 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          columns={[
            { title: t('gifts.name'), dataIndex: 'name', width: 200 },
            { title: t('gifts.sponsor'), dataIndex: 'sponsor', width: 150 },
            { title: t('gifts.product'), dataIndex: 'productName', width: 200 },
            {
              title: `${t('gifts.granted')} / ${t('gifts.budget')}`,
              key: 'budget',
              width: 170,
              render: (_: unknown, c) => (
                <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                  <Typography.Text>
                    {c.granted.toLocaleString('zh-CN')} / {c.budgetCount.toLocaleString('zh-CN')}
                  </Typography.Text>
                  <Progress percent={Math.round((c.granted / c.budgetCount) * 100)} size="small" showInfo={false} />
                </Space>
              ),
            },
            {
              title: t('gifts.period'),
              key: 'period',
              width: 190,
              render: (_: unknown, c) => `${c.startDate} ~ ${c.endDate}`,
            },
            {
              title: t('gifts.eligibility'),
              key: 'eligibility',
              width: 200,
              render: (_: unknown, c) => eligibilityText(c),
            },
            {
              title: t('gifts.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: 'open' | 'closed', c) => (
                <Tag color={s === 'open' ? (c.claimable ? 'success' : 'warning') : 'default'}>
                  {s === 'open' && !c.claimable ? t('gifts.notClaimable') : t(`gifts.status.${s}`)}
                </Tag>
              ),
            },
            {
              title: t('gifts.actions'),
              key: 'actions',
              width: 220,
              fixed: 'right',
              render: (_: unknown, c) =>
                c.status === 'open' && (
                  <Space>
                    <Button type="link" size="small" onClick={() => setGranting(c)} data-testid="gift-grant">
                      {t('gifts.grant')}
                    </Button>
                    {manage && (
                      <Button type="link" size="small" onClick={() => open(c)}>
                        {t('gifts.edit')}
                      </Button>
                    )}
                    {manage && (
                      <Popconfirm title={t('gifts.closeConfirm')} onConfirm={() => close.mutate(c.id)}>
                        <Button type="link" size="small" danger>
                          {t('gifts.close')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('gifts.new') : t('gifts.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        width={560}
      >
        {save.error && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="name" label={t('gifts.name')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input maxLength={60} data-testid="gift-name" />
          </Form.Item>
          <Form.Item name="sponsor" label={t('gifts.sponsor')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input maxLength={60} data-testid="gift-sponsor" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="budgetCount" label={t('gifts.budget')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1_000_000} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="period" label={t('gifts.period')} rules={[{ required: true }]}>
              <DatePicker.RangePicker />
            </Form.Item>
          </Space>
          <Form.Item name="employmentKinds" label={t('gifts.kinds')}>
            <Checkbox.Group
              options={(['gig', 'employee'] as const).map((k) => ({ value: k, label: t(`gifts.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="agencyIds" label={t('gifts.agencies')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('gifts.agenciesAny')}
              optionFilterProp="label"
              options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
          <Space>
            <Form.Item name="minAge" label={t('gifts.minAge')}>
              <InputNumber min={16} max={65} precision={0} placeholder={t('gifts.any')} />
            </Form.Item>
            <Form.Item name="maxAge" label={t('gifts.maxAge')}>
              <InputNumber min={16} max={65} precision={0} placeholder={t('gifts.any')} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      {granting && (
        <GrantModal
          campaign={granting}
          agencies={manage ? (agencies.data ?? []) : []}
          onClose={() => {
            setGranting(null);
            refresh();
          }}
        />
      )}
    </>
  );
}

function GrantModal({
  campaign,
  agencies,
  onClose,
}: {
  campaign: GiftCampaignView;
  agencies: { id: string; name: string }[];
  onClose(): void;
}) {
  const { t } = useI18n();
  const [agencyId, setAgencyId] = useState<string | undefined>(campaign.eligibility.agencyIds?.[0]);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<GiftGrantView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = (file: File) => {
    setError(null);
    setResult(null);
    setProgress(0);
    giftsApi
      .grant(campaign.id, file, { onProgress: (f) => setProgress(Math.round(f * 100)), onUploaded: () => {} }, agencyId)
      .result.then(setResult, (e: Error) => setError(e.message))
      .finally(() => setProgress(null));
  };
  return (
    <Modal open title={t('gifts.grantTitle', { name: campaign.name })} onCancel={onClose} footer={null} width={720}>
      <Typography.Paragraph type="secondary">{t('gifts.grantHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <a href={giftsApi.templateUrl}>{t('gifts.template')}</a>
        {agencies.length > 0 && (
          <Select
            style={{ width: 200 }}
            allowClear
            placeholder={t('gifts.grantAgency')}
            value={agencyId}
            onChange={setAgencyId}
            options={agencies.map((a) => ({ value: a.id, label: a.name }))}
          />
        )}
        <Upload
          accept=".xlsx,.xls,.csv,.ods"
          showUploadList={false}
          beforeUpload={(file) => {
            start(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button icon={<UploadOutlined />} loading={progress !== null} data-testid="gift-roster">
            {t('gifts.chooseFile')}
          </Button>
        </Upload>
      </Space>
      {progress !== null && <Progress percent={progress} size="small" />}
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <>
          <Alert
            type={result.refused ? 'warning' : 'success'}
            showIcon
            title={t('gifts.grantResult', {
              total: result.totalRows,
              granted: result.granted,
              refused: result.refused,
              remaining: result.remaining,
            })}
            style={{ marginBottom: 12 }}
          />
          {result.issues.length > 0 && (
            <Table
              size="small"
              rowKey={(i) => `${i.row}-${i.code}`}
              dataSource={result.issues}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('gifts.row'), dataIndex: 'row', width: 70 },
                { title: t('gifts.column'), dataIndex: 'column', width: 100 },
                { title: t('gifts.reason'), dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
