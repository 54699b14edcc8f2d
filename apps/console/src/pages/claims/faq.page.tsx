import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FaqBody, type FaqEntry, faqCategories, faqCategoryLabels } from '@huzhu/core';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { faqApi, faqKeys } from '../../api/faq.api.ts';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

const faqKey = faqKeys.list;

/** 政策问答 (office admins): every entry with its category, order and whether members see it; create and edit. */
export function FaqPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useQuery({ queryKey: faqKey, queryFn: faqApi.list });
  // The office's entries are few by rule (at most 500, docs/decisions.md), so the whole list is here and the search
  // filters it in the browser.
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const text = q.trim();
    return (list.data ?? []).filter((r) => !text || r.question.includes(text) || r.answer.includes(text));
  }, [list.data, q]);
  const [editing, setEditing] = useState<FaqEntry | 'new' | null>(null);
  const [form] = Form.useForm<FaqBody>();
  const save = useMutation({
    mutationFn: (body: FaqBody) =>
      editing && editing !== 'new' ? faqApi.update(editing.id, body) : faqApi.create(body),
    onSuccess: async () => {
      message.success(t('faq.saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: faqKey });
    },
  });
  const open = (e: FaqEntry | 'new') => {
    setEditing(e);
    form.setFieldsValue(
      e === 'new'
        ? {
            question: '',
            answer: '',
            category: 'claims',
            sortOrder: ((list.data?.length ?? 0) + 1) * 10,
            published: false,
          }
        : {
            question: e.question,
            answer: e.answer,
            category: e.category,
            sortOrder: e.sortOrder,
            published: e.published,
          },
    );
  };
  return (
    <>
      <PageHeader
        title={t('menu.faq')}
        subtitle={t('faq.subtitle')}
        extra={
          <Button type="primary" onClick={() => open('new')} data-testid="faq-new">
            {t('faq.new')}
          </Button>
        }
      />
      <Card>
        <Space className="filter-bar">
          <Input.Search
            allowClear
            placeholder={t('faq.searchPlaceholder')}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
            style={{ width: 280 }}
          />
        </Space>
        <Table<FaqEntry>
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { total }) }}
          data-testid="faq-table"
          columns={[
            { title: t('faq.sortOrder'), dataIndex: 'sortOrder', width: 90 },
            { title: t('faq.category'), key: 'category', width: 120, render: (_, r) => faqCategoryLabels[r.category] },
            {
              title: t('faq.question'),
              key: 'question',
              render: (_, r) => (
                <Button type="link" onClick={() => open(r)} style={{ padding: 0 }}>
                  {r.question}
                </Button>
              ),
            },
            {
              title: t('faq.published'),
              key: 'published',
              width: 100,
              render: (_, r) =>
                r.published ? <Tag color="green">{t('faq.published')}</Tag> : <Tag>{t('faq.draft')}</Tag>,
            },
            { title: t('faq.updatedAt'), key: 'updatedAt', width: 180, render: (_, r) => formatInstant(r.updatedAt) },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('faq.new') : t('faq.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="question" label={t('faq.question')} rules={[{ required: true, min: 4, max: 200 }]}>
            <Input data-testid="faq-question" />
          </Form.Item>
          <Form.Item name="answer" label={t('faq.answer')} rules={[{ required: true, min: 4, max: 5000 }]}>
            <Input.TextArea rows={6} data-testid="faq-answer" />
          </Form.Item>
          <Form.Item name="category" label={t('faq.category')} rules={[{ required: true }]}>
            <Select options={faqCategories.map((c) => ({ value: c, label: faqCategoryLabels[c] }))} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('faq.sortOrder')}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
          <Form.Item name="published" label={t('faq.published')} valuePropName="checked">
            <Switch data-testid="faq-published" />
          </Form.Item>
        </Form>
        {save.error && <p style={{ color: '#c8102e' }}>{(save.error as Error).message}</p>}
      </Modal>
    </>
  );
}
