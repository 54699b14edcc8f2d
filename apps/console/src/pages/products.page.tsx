import { formatFen } from '@huzhu/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Table, Tag, Typography } from 'antd';
import { type Product, productApi, productKeys } from '../api/product.api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ProductDetailDrawer } from './product-detail.drawer.tsx';
import { agesText, sharesText, termText, waitingText } from './product-format.ts';

/** 保障产品: the office's products at their current version; a row opens every parameter and the version history. */
export function ProductsPage() {
  const { t, labels } = useI18n();
  const { get, update, page, pageSize } = useSearchState();
  const query = { q: get('q'), page, pageSize };
  const products = useQuery({
    queryKey: productKeys.page(query),
    queryFn: () => productApi.page(query),
    placeholderData: keepPreviousData,
  });
  const open = get('code');

  return (
    <>
      <PageHeader title={t('menu.products')} subtitle={t('products.subtitle')} />
      <Card>
        <Space className="filter-bar">
          <Input.Search
            key={query.q ?? ''}
            allowClear
            defaultValue={query.q}
            placeholder={t('products.searchPlaceholder')}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 280 }}
          />
        </Space>
        <Table<Product>
          className="clickable-rows"
          rowKey="code"
          size="middle"
          loading={products.isFetching}
          dataSource={products.data?.items}
          pagination={{
            current: page,
            pageSize,
            total: products.data?.total ?? 0,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p, pageSize: s === pageSize ? undefined : s }, true),
          }}
          scroll={{ x: 1100 }}
          onRow={(p) => ({ onClick: () => update({ code: p.code }, true) })}
          columns={[
            {
              title: t('products.code'),
              dataIndex: 'code',
              width: 112,
              render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
            },
            {
              title: t('products.name'),
              dataIndex: 'name',
              render: (name: string, p) => (
                <Space size={4} wrap>
                  <Typography.Link>{name}</Typography.Link>
                  {p.sex !== 'any' && <Tag color="magenta">{labels.productSex(p.sex)}</Tag>}
                  {p.requiresMedicalInsurance && <Tag>{t('products.medicalInsuranceShort')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('products.channel'),
              dataIndex: 'channel',
              width: 92,
              render: (c: Product['channel']) => (
                <Tag color={c === 'unit' ? 'blue' : c === 'gift' ? 'orange' : 'cyan'}>{labels.channel(c)}</Tag>
              ),
            },
            {
              title: t('products.fee'),
              dataIndex: 'feePerShareFen',
              width: 96,
              align: 'right',
              render: (fen: number) => formatFen(fen),
            },
            { title: t('products.shares'), key: 'shares', width: 76, render: (_: unknown, p) => sharesText(p, t) },
            { title: t('products.term'), key: 'term', width: 80, render: (_: unknown, p) => termText(p, t) },
            { title: t('products.ages'), key: 'ages', width: 100, render: (_: unknown, p) => agesText(p, t) },
            { title: t('products.waiting'), key: 'waiting', width: 160, render: (_: unknown, p) => waitingText(p, t) },
            {
              title: t('products.exclusiveGroup'),
              dataIndex: 'exclusiveGroup',
              width: 100,
              render: (g: string | null) => (g ? <Tag>{g}</Tag> : t('common.none')),
            },
            {
              title: t('products.version'),
              dataIndex: 'version',
              width: 64,
              align: 'right',
              render: (v: number) => `v${v}`,
            },
          ]}
        />
      </Card>
      <ProductDetailDrawer code={open} onClose={() => update({ code: undefined }, true)} />
    </>
  );
}
