import { DotLoading, NavBar, Tag } from 'antd-mobile';
import { api } from '../api/api.ts';
import { policyStatusColor, policyStatusText } from '../labels.ts';
import { useLoad } from '../use-load.ts';

/** The electronic certificate (参保凭证), full screen to present; its QR code opens the public check. */
export function CertificatePage({ policyId, navigate }: { policyId: string; navigate: (p: string) => void }) {
  const { data, error } = useLoad(() => api.certificate(policyId), [policyId]);
  return (
    <div className="page certificate-page">
      <NavBar className="nav" onBack={() => navigate('cover')}>
        电子参保凭证
      </NavBar>
      {error && <p className="form-error">{error}</p>}
      {!data && !error && (
        <div className="center">
          <DotLoading color="primary" />
        </div>
      )}
      {data && (
        <section className="certificate" aria-label="参保凭证">
          <p className="certificate-office">{data.officeName}</p>
          <h1 className="certificate-title">职工互助保障参保凭证</h1>
          <img
            className="certificate-qr"
            alt="验真二维码"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.qrSvg)}`}
          />
          <p className="certificate-hint">扫码验真（只显示打码姓名和保障状态）</p>
          <dl className="facts big">
            <dt>姓名</dt>
            <dd>{data.memberName}</dd>
            <dt>身份证号</dt>
            <dd>{data.idNumberMasked}</dd>
            <dt>保障项目</dt>
            <dd>{data.policy.productName}</dd>
            <dt>份数</dt>
            <dd>{data.policy.shares} 份</dd>
            <dt>保障期</dt>
            <dd>
              {data.policy.startDate} 至 {data.policy.endDate}
            </dd>
            <dt>状态</dt>
            <dd>
              <Tag color={policyStatusColor[data.policy.status]} fill="solid">
                {policyStatusText[data.policy.status]}
              </Tag>
            </dd>
            {data.unitName && (
              <>
                <dt>参保单位</dt>
                <dd>{data.unitName}</dd>
              </>
            )}
          </dl>
          <p className="certificate-code">凭证编号 {data.policy.certificateCode}</p>
        </section>
      )}
    </div>
  );
}
