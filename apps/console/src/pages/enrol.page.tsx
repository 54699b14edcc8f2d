import { DownloadOutlined, FileSearchOutlined, ReloadOutlined } from '@ant-design/icons';
import { type Batch, chinaDate, formatFen } from '@huzhu/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Row, Select, Space, Steps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { enrolmentApi } from '../api/enrolment.api.ts';
import { orgApi, orgKeys } from '../api/org.api.ts';
import { productApi, productKeys } from '../api/product.api.ts';
import { useCurrentSession } from '../auth/session.tsx';
import { FileDropZone, useFileUpload } from '../components/file-upload.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError } from '../components/query-state.tsx';
import { useSearchState } from '../components/use-search-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RosterResult } from './roster-result.tsx';
import { UnitPicker } from './unit-picker.tsx';

/** The server judges dates in China time, so "today" here is China's today too. */
const chinaToday = () => dayjs(chinaDate(new Date()));

/**
 * 单位参保: a unit agent enrols its own unit; agency and office staff arrive from a unit's page (?unitId=). Choose
 * the product and start date, fill the template, upload with real progress, read the row report, submit.
 */
export function EnrolPage() {
  const { t } = useI18n();
  const { user } = useCurrentSession();
  const { get, update } = useSearchState();
  const unitId = user.role === 'unit_agent' ? (user.orgId ?? undefined) : get('unitId');
  const unit = useQuery({
    queryKey: orgKeys.unit(unitId ?? ''),
    queryFn: () => orgApi.unit(unitId ?? ''),
    enabled: !!unitId,
  });
  const crumbs = [{ title: t('menu.enrol') }];

  if (unit.isError) {
    return (
      <>
        <PageHeader title={t('menu.enrol')} crumbs={crumbs} />
        <Card>
          <LoadError
            error={unit.error}
            notFound={t('units.notFound')}
            back={{ to: '/units', label: t('common.back') }}
          />
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={unit.data ? `${t('menu.enrol')} · ${unit.data.name}` : t('menu.enrol')}
        subtitle={t('enrol.subtitle')}
        crumbs={
          unit.data ? [{ title: unit.data.name, to: `/units/${encodeURIComponent(unit.data.id)}` }, crumbs[0]!] : crumbs
        }
        extra={
          <Button icon={<DownloadOutlined />} href={enrolmentApi.templateUrl} download data-testid="roster-template">
            {t('enrol.downloadTemplate')}
          </Button>
        }
      />
      {unitId ? (
        <RosterUpload key={unitId} unitId={unitId} />
      ) : (
        <Card title={t('enrol.chooseUnit')}>
          <div style={{ maxWidth: 480 }}>
            <UnitPicker onChange={(id) => update({ unitId: id })} />
          </div>
        </Card>
      )}
    </>
  );
}

function RosterUpload({ unitId }: { unitId: string }) {
  const { t, labels } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [productCode, setProductCode] = useState<string | undefined>();
  const [startDate, setStartDate] = useState<Dayjs | null>(chinaToday);
  const products = useQuery({ queryKey: productKeys.list, queryFn: productApi.list });
  const unitProducts = (products.data ?? []).filter((p) => p.channel === 'unit');

  const submit = useMutation({
    mutationFn: (id: string) => enrolmentApi.submit(id),
    onSuccess: (batch) => {
      message.success(t('batch.submitted'));
      queryClient.invalidateQueries({ queryKey: ['batches'] });
      navigate(`/batches/${encodeURIComponent(batch.id)}`);
    },
  });

  const upload = useFileUpload<Batch>(
    (file, handlers) =>
      enrolmentApi.importRoster(
        unitId,
        file,
        { productCode: productCode ?? '', startDate: startDate?.format('YYYY-MM-DD') ?? '' },
        handlers,
      ),
    () => queryClient.invalidateQueries({ queryKey: ['batches'] }),
  );
  const { state, busy } = upload;
  const start = (file: File) => {
    if (productCode && startDate) upload.start(file);
  };

  const ready = !!productCode && !!startDate;
  const step = state.kind === 'done' ? 3 : busy ? 2 : ready ? 1 : 0;
  const chosen = unitProducts.find((p) => p.code === productCode);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Steps
          current={step}
          status={state.kind === 'failed' ? 'error' : undefined}
          items={[
            { title: t('enrol.step1') },
            { title: t('enrol.step2') },
            { title: t('enrol.step3') },
            { title: t('enrol.step4') },
          ]}
        />
      </Card>
      <Card>
        <Form layout="vertical" disabled={busy || state.kind === 'done'}>
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item label={t('enrol.product')} required>
                <Select
                  data-testid="enrol-product"
                  value={productCode}
                  onChange={setProductCode}
                  loading={products.isPending}
                  placeholder={t('enrol.productPlaceholder')}
                  options={unitProducts.map((p) => ({
                    value: p.code,
                    label: `${p.name}（${formatFen(p.feePerShareFen)}/${t('enrol.perShare')}）`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label={t('enrol.startDate')} required extra={t('enrol.startHint')}>
                <DatePicker
                  data-testid="enrol-start"
                  style={{ width: '100%' }}
                  value={startDate}
                  onChange={setStartDate}
                  disabledDate={(d) => d.isBefore(chinaToday(), 'day')}
                />
              </Form.Item>
            </Col>
          </Row>
          <Flex vertical gap={4}>
            {chosen && (
              <Typography.Text type="secondary">
                {t('enrol.productFacts', {
                  shares: `${chosen.minShares}–${chosen.maxShares}`,
                  ages: `${chosen.minAge}–${chosen.maxAge}`,
                  sex: labels.productSex(chosen.sex),
                })}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">{t('enrol.step2Desc')}</Typography.Text>
          </Flex>
        </Form>
      </Card>

      {state.kind !== 'done' && (
        <Card>
          {state.kind === 'failed' && (
            <Alert
              type="error"
              showIcon
              title={t('enrol.failed')}
              description={`${state.fileName}：${state.error.message}`}
              style={{ marginBottom: 16 }}
              data-testid="import-error"
            />
          )}
          <FileDropZone
            state={state}
            onFile={start}
            disabled={!ready}
            hint={ready ? t('import.dragHint') : t('enrol.chooseFirst')}
            sub={t('import.dragSub')}
            uploadingText={(name) => t('import.uploading', { name })}
            processingText={t('import.processing')}
            progressTestId="import-progress"
          />
        </Card>
      )}

      {state.kind === 'done' && (
        <Card
          title={state.fileName}
          data-testid="batch-result"
          extra={
            <Space wrap>
              <Button icon={<ReloadOutlined />} onClick={upload.reset}>
                {t('enrol.again')}
              </Button>
              <Link to={`/batches/${encodeURIComponent(state.result.id)}`}>
                <Button icon={<FileSearchOutlined />}>{t('enrol.viewBatch')}</Button>
              </Link>
            </Space>
          }
        >
          <RosterResult
            batch={state.result}
            onSubmit={() => submit.mutate(state.result.id)}
            submitting={submit.isPending}
          />
        </Card>
      )}
    </Space>
  );
}
