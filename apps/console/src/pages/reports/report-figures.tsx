import { Card, Col, Row, Statistic } from 'antd';

/** The headline figures of a report (its total row, mostly) as a row of small cards above the chart. */
export function ReportFigures(props: {
  items: { label: string; value: string | undefined; testId?: string }[];
  loading?: boolean;
}) {
  const span = Math.max(4, Math.floor(24 / Math.max(1, props.items.length)));
  return (
    <Row gutter={[16, 16]}>
      {props.items.map((item) => (
        <Col key={item.label} xs={12} md={8} xl={span}>
          <Card size="small">
            <Statistic title={item.label} value={item.value ?? '—'} loading={props.loading} data-testid={item.testId} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
