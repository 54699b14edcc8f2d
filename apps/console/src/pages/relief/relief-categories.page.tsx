import { formatFen, parseYuan } from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { type ReliefCategoryListView, reliefApi, reliefKeys } from '../../api/relief.api.ts';
import { useCan } from '../../auth/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

type Category = ReliefCategoryListView['items'][number];
interface EditForm {
  name: string;
  amountYuan: string;
  materials: string;
  active: boolean;
}

const eligibilityText = (c: Category) =>
  [
    c.eligibility.minStayDays !== undefined && `住院≥${c.eligibility.minStayDays}天`,
    c.eligibility.minSelfPaidFen !== undefined && `自付≥${formatFen(c.eligibility.minSelfPaidFen)}`,
    c.eligibility.requiresDiagnosis && '须确诊',
    c.eligibility.requiresHardshipFile && '须有在档困难档案',
  ]
    .filter(Boolean)
    .join(' 或 ') || '事件发生日有有效保障';

/** 救助类别: the office's categories as data (each change a new version) and the yearly cap per member. */
export function ReliefCategoriesPage() {
  const { t } = useI18n();
  const can = useCan();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: reliefKeys.categories, queryFn: reliefApi.categories });
  const [editing, setEditing] = useState<Category | null>(null);
  const [cap, setCap] = useState<number | null>(null);
  const [form] = Form.useForm<EditForm>();
  const done = (d: ReliefCategoryListView) => {
    queryClient.setQueryData(reliefKeys.categories, d);
    setEditing(null);
  };
  const publish = useMutation({
    mutationFn: (v: EditForm) => {
      const { code, version: _v, publishedAt: _p, ...rest } = editing!;
      return reliefApi.publishCategory(code, {
        ...rest,
        name: v.name.trim(),
        amountFen: parseYuan(v.amountYuan) ?? rest.amountFen,
        materials: v.materials
          .split(/[\n、]/)
          .map((s) => s.trim())
          .filter(Boolean)
          .slice(0, 3),
        active: v.active,
      });
    },
    onSuccess: done,
  });
  const saveCap = useMutation({ mutationFn: (fen: number) => reliefApi.setYearCap(fen), onSuccess: done });
  const manage = can('relief.manage');

  return (
    <>
      <PageHeader title={t('menu.reliefCategories')} subtitle={t('relief.subtitle')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {(publish.isError || saveCap.isError) && (
          <Alert type="error" showIcon title={(publish.error ?? saveCap.error)?.message} />
        )}
        <Card>
          <Space>
            {t('relief.yearCap')}：
            <strong data-testid="relief-year-cap">{list.data ? formatFen(list.data.yearCapFen) : '—'}</strong>
            {manage && (
              <>
                <InputNumber<number>
                  min={1}
                  max={1_000_000}
                  addonAfter="元"
                  value={cap ?? undefined}
                  onChange={setCap}
                />
                <Button
                  disabled={!cap}
                  loading={saveCap.isPending}
                  onClick={() => cap && saveCap.mutate(Math.round(cap * 100))}
                >
                  {t('relief.yearCapSave')}
                </Button>
              </>
            )}
          </Space>
        </Card>
        <Card>
          <Table<Category>
            rowKey="code"
            loading={list.isFetching}
            dataSource={list.data?.items}
            pagination={false}
            data-testid="relief-categories"
            columns={[
              { title: t('relief.catName'), dataIndex: 'name' },
              { title: t('relief.amount'), key: 'a', align: 'right', render: (_, c) => formatFen(c.amountFen) },
              { title: t('relief.eligibility'), key: 'e', render: (_, c) => eligibilityText(c) },
              { title: t('relief.catMaterials'), key: 'm', render: (_, c) => c.materials.join('、') || '—' },
              { title: t('relief.perYear'), dataIndex: 'perMemberPerYear' },
              {
                title: t('relief.catActive'),
                key: 'act',
                render: (_, c) => (
                  <Space>
                    {c.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
                    {c.batchOnly && <Tag color="blue">{t('relief.catBatchOnly')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('relief.catVersion'),
                key: 'v',
                render: (_, c) => `v${c.version} · ${formatInstant(c.publishedAt)}`,
              },
              ...(manage
                ? [
                    {
                      title: '',
                      key: 'edit',
                      render: (_: unknown, c: Category) => (
                        <Button
                          size="small"
                          onClick={() => {
                            setEditing(c);
                            form.setFieldsValue({
                              name: c.name,
                              amountYuan: (c.amountFen / 100).toFixed(2),
                              materials: c.materials.join('\n'),
                              active: c.active,
                            });
                          }}
                        >
                          {t('relief.catEdit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Space>
      <Modal
        open={editing !== null}
        title={`${t('relief.catEdit')} · ${editing?.name ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={() => form.validateFields().then((v) => publish.mutate(v))}
        confirmLoading={publish.isPending}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('relief.catName')} rules={[{ required: true, min: 2, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label={`${t('relief.amount')}（元）`}
            rules={[{ required: true, pattern: /^\d{1,7}(\.\d{1,2})?$/, message: '请输入金额（元，最多两位小数）' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="materials" label={`${t('relief.catMaterials')}（每行一项，最多 3 项）`}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="active" label={t('relief.catActive')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
