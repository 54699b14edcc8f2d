import { CloudUploadOutlined } from '@ant-design/icons';
import { formatFen } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Empty, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type Product, productApi, productKeys } from '../api/product.api.ts';
import { useCan } from '../auth/session.tsx';
import { formatBp, formatInstant } from '../components/format.ts';
import { LoadError } from '../components/query-state.tsx';
import { describeBenefit } from '../i18n/benefit-text.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { agesText, hasStagedWaiting, sharesText, termText, waitingText } from './product-format.ts';
import { ProductPublishModal } from './product-publish.modal.tsx';

/** Every parameter of one product version, its benefit rules in words, its disease list and its version history. */
export function ProductDetailDrawer({ code, onClose }: { code?: string; onClose(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const [viewing, setViewing] = useState<number | null>(null);
  const [publishing, setPublishing] = useState(false);
  const versions = useQuery({
    queryKey: productKeys.versions(code ?? ''),
    queryFn: () => productApi.versions(code ?? ''),
    enabled: !!code,
  });
  const all = versions.data ?? [];
  const current = all[0];
  const shown = all.find((v) => v.version === viewing) ?? current;
  const close = () => {
    setViewing(null);
    onClose();
  };

  return (
    <Drawer
      open={!!code}
      onClose={close}
      size={820}
      title={
        shown ? (
          <Space wrap>
            <span data-testid="product-title">{shown.name}</span>
            <Typography.Text code>{shown.code}</Typography.Text>
            <Tag color={shown === current ? 'green' : 'default'}>
              v{shown.version}
              {shown === current && ` · ${t('products.current')}`}
            </Tag>
          </Space>
        ) : (
          t('products.detail')
        )
      }
      extra={
        can('product.manage') &&
        current && (
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setPublishing(true)}>
            {t('products.publish')}
          </Button>
        )
      }
    >
      {versions.isError && (
        <LoadError
          error={versions.error}
          notFound={t('products.notFound')}
          back={{ to: '/products', label: t('common.back') }}
        />
      )}
      {versions.isPending && <Skeleton active paragraph={{ rows: 12 }} />}
      {shown && <ProductParameters product={shown} />}
      {all.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('products.versions')}
          </Typography.Title>
          <Table<Product>
            className="clickable-rows"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={all}
            data-testid="product-versions"
            rowClassName={(v) => (v === shown ? 'ant-table-row-selected' : '')}
            onRow={(v) => ({ onClick: () => setViewing(v.version) })}
            columns={[
              { title: t('products.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
              {
                title: t('products.publishedAt'),
                dataIndex: 'publishedAt',
                width: 150,
                render: (v: string) => formatInstant(v),
              },
              { title: t('products.fee'), dataIndex: 'feePerShareFen', render: (f: number) => formatFen(f) },
              { title: t('products.shares'), key: 'shares', render: (_: unknown, v) => sharesText(v, t) },
              { title: t('products.ages'), key: 'ages', render: (_: unknown, v) => agesText(v, t) },
              { title: t('products.waiting'), key: 'waiting', render: (_: unknown, v) => waitingText(v, t) },
            ]}
          />
        </>
      )}
      {current && (
        <ProductPublishModal
          product={current}
          open={publishing}
          onClose={() => setPublishing(false)}
          onPublished={() => setViewing(null)}
        />
      )}
    </Drawer>
  );
}

function ProductParameters({ product: p }: { product: Product }) {
  const { t, labels, locale } = useI18n();
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const sales =
    p.salesFrom || p.salesTo
      ? `${p.salesFrom ?? t('products.noLimit')} – ${p.salesTo ?? t('products.noLimit')}`
      : t('products.noLimit');
  return (
    <Space orientation="vertical" size={20} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={2}
        data-testid="product-params"
        items={[
          { key: 'category', label: t('products.category'), children: labels.productCategory(p.category) },
          { key: 'channel', label: t('products.channel'), children: labels.channel(p.channel) },
          { key: 'fee', label: t('products.fee'), children: formatFen(p.feePerShareFen) },
          ...(p.sponsorFeeFen !== undefined
            ? [{ key: 'sponsor', label: t('products.sponsorFee'), children: formatFen(p.sponsorFeeFen) }]
            : []),
          { key: 'shares', label: t('products.shares'), children: sharesText(p, t) },
          { key: 'term', label: t('products.term'), children: termText(p, t) },
          { key: 'ages', label: t('products.ages'), children: agesText(p, t) },
          { key: 'sex', label: t('products.sex'), children: labels.productSex(p.sex) },
          {
            key: 'medical',
            label: t('products.medicalInsurance'),
            children: yesNo(p.requiresMedicalInsurance),
          },
          { key: 'group', label: t('products.exclusiveGroup'), children: p.exclusiveGroup ?? t('common.none') },
          {
            key: 'waiting',
            label: t('products.waiting'),
            children: hasStagedWaiting(p)
              ? t('products.waitingStaged')
              : t('products.waitingBoth', { illness: p.waitingDays.illness, accident: p.waitingDays.accident }),
          },
          { key: 'grace', label: t('products.graceDays'), children: t('products.days', { n: p.graceDays }) },
          {
            key: 'participation',
            label: t('products.minParticipation'),
            children: p.minParticipationBp === null ? t('products.noLimit') : formatBp(p.minParticipationBp),
          },
          {
            key: 'deadline',
            label: t('products.claimDeadline'),
            children: t('products.claimDeadlineDays', { n: p.claimDeadlineDays }),
          },
          { key: 'sales', label: t('products.salesWindow'), children: sales },
          { key: 'published', label: t('products.publishedAt'), children: formatInstant(p.publishedAt) },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('products.benefits')}</Typography.Title>
        <Flex vertical gap={12} data-testid="product-benefits">
          {p.benefits.map((rule) => {
            const text = describeBenefit(rule, locale, labels.claimKind);
            return (
              <div key={`${rule.kind}-${rule.claimKinds.join()}`} className="benefit-rule">
                <Typography.Text strong>{text.title}</Typography.Text>
                <ul>
                  {text.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            );
          })}
        </Flex>
      </div>
      <div>
        <Typography.Title level={5}>
          {p.diseases.length > 0 ? t('products.diseases', { n: p.diseases.length }) : t('products.diseaseList')}
        </Typography.Title>
        {p.diseases.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('products.noDiseases')} />
        ) : (
          <Flex wrap gap={6} data-testid="product-diseases">
            {p.diseases.map((d) => (
              <Tag key={d.code}>
                <Typography.Text type="secondary">{d.code}</Typography.Text> {d.name}
              </Tag>
            ))}
          </Flex>
        )}
      </div>
    </Space>
  );
}
