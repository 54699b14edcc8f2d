import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { formatFen, maskName } from '@huzhu/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Skeleton, Space } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { enrolmentApi, enrolmentKeys } from '../api/enrolment.api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError } from '../components/query-state.tsx';
import { PolicyStatusTag } from '../components/status-tags.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * 参保凭证: a printable certificate for one policy. It carries only masked personal data; the QR code leads anyone who
 * scans it to the public verification page, which is what makes the paper trustworthy.
 */
export function CertificatePage() {
  const { policyId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const cert = useQuery({
    queryKey: enrolmentKeys.certificate(policyId),
    queryFn: () => enrolmentApi.certificate(policyId),
  });
  const code = cert.data?.policy.certificateCode;
  // The public check names the issuing office and confirms the code is on record, exactly as a scan would.
  const check = useQuery({
    queryKey: enrolmentKeys.check(code ?? ''),
    queryFn: () => enrolmentApi.check(code ?? ''),
    enabled: !!code,
    meta: { ownErrors: true },
  });

  const header = (
    <div className="no-print">
      <PageHeader
        title={t('cert.pageTitle')}
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              {t('common.back')}
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} disabled={!cert.data} onClick={() => window.print()}>
              {t('cert.print')}
            </Button>
          </Space>
        }
      />
    </div>
  );

  if (cert.isError || cert.isPending) {
    return (
      <>
        {header}
        <Card>
          {cert.isError ? (
            <LoadError
              error={cert.error}
              notFound={t('cert.notFound')}
              back={{ to: '/', label: t('common.backHome') }}
            />
          ) : (
            <Skeleton active paragraph={{ rows: 10 }} />
          )}
        </Card>
      </>
    );
  }

  const c = cert.data;
  const p = c.policy;
  const office = check.data?.genuine ? check.data.officeName : '';
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.qrSvg)}`;
  const rows: [string, ReactNode][] = [
    [t('cert.holder'), maskName(c.memberName)],
    [
      t('cert.idNumber'),
      <span key="id" className="certificate-mono">
        {c.idNumberMasked}
      </span>,
    ],
    [t('cert.unit'), c.unitName ?? t('common.none')],
    [t('cert.product'), p.productName],
    [t('cert.shares'), t('cert.sharesValue', { n: p.shares, fee: formatFen(p.feeFen) })],
    [t('cert.period'), t('cert.periodValue', { start: p.startDate, end: p.endDate })],
    [t('cert.waitingEnd'), p.waitingEndDate ?? t('policy.noWaiting')],
    [t('cert.status'), <PolicyStatusTag key="status" status={p.status} />],
  ];
  return (
    <>
      {header}
      <article className="certificate" data-testid="certificate">
        <header className="certificate-head">
          <div className="certificate-office">{office || t('app.brand')}</div>
          <h1>{t('cert.title')}</h1>
        </header>
        <div className="certificate-body">
          <table className="certificate-table">
            <tbody>
              {rows.map(([label, value]) => (
                <tr key={label}>
                  <th>{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <figure className="certificate-qr">
            <img src={qr} alt={t('cert.qrAlt')} data-testid="certificate-qr" />
            <figcaption>
              <strong>{t('cert.scan')}</strong>
              <span>{t('cert.scanHint')}</span>
            </figcaption>
          </figure>
        </div>
        <footer className="certificate-foot">
          <span>
            {t('cert.code')}：
            <span className="certificate-mono" data-testid="certificate-code">
              {p.certificateCode}
            </span>
          </span>
          <span>{t('cert.footer')}</span>
        </footer>
      </article>
    </>
  );
}
