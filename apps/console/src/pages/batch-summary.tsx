import { type Batch, formatFen } from '@huzhu/core';
import { Col, Row, Statistic } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/** A batch's counts and the total due: what the unit agent checks before submitting and finance before confirming. */
export function BatchSummary({ batch }: { batch: Batch }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]} data-testid="batch-summary">
      <Col xs={12} md={4}>
        <Statistic title={t('batch.totalRows')} value={batch.totalRows} />
      </Col>
      <Col xs={12} md={5}>
        <Statistic
          title={t('batch.acceptedRows')}
          value={batch.acceptedRows}
          styles={{ content: { color: '#389e0d' } }}
        />
      </Col>
      <Col xs={12} md={5}>
        <Statistic
          title={t('batch.rejectedRows')}
          value={batch.rejectedRows}
          styles={{ content: { color: batch.rejectedRows > 0 ? '#cf1322' : undefined } }}
        />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title={t('batch.totalShares')} value={batch.totalShares} />
      </Col>
      <Col xs={24} md={6}>
        <Statistic
          title={t('batch.totalFee')}
          value={formatFen(batch.totalFeeFen)}
          styles={{ content: { color: '#1f6fd1' } }}
        />
      </Col>
    </Row>
  );
}
