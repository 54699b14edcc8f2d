import { Button, DotLoading, List, NavBar, Result } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { type CertificateCheck, checkCertificate } from '../api/certificate.api.ts';

const statusText: Record<string, string> = {
  pending: '尚未起保',
  waiting: '等待期内（保障已生效，部分责任等待期满后开始）',
  active: '保障中',
  expired: '已到期',
  paid_out: '已给付终止',
  cancelled: '已撤销',
};

/**
 * Scanning a certificate's QR code lands here: anyone can see whether it is genuine and in force, with no personal
 * data beyond a masked name.
 */
export function VerifyPage({ code, onBack }: { code: string; onBack: () => void }) {
  const [result, setResult] = useState<CertificateCheck | null | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's trigger to ask again.
  useEffect(() => {
    const controller = new AbortController();
    setResult(undefined);
    void checkCertificate(code, controller.signal).then((r) => {
      if (!controller.signal.aborted) setResult(r);
    });
    return () => controller.abort();
  }, [code, attempt]);

  return (
    <div className="page">
      <NavBar className="nav" onBack={onBack} backIcon>
        参保凭证验真
      </NavBar>
      {result === undefined && (
        <div className="verify-loading">
          正在查询
          <DotLoading />
        </div>
      )}
      {result === null && (
        <>
          <Result status="warning" title="暂时无法查询" description="网络或服务异常，请稍后重试。" />
          <div className="actions">
            <Button block color="primary" size="large" onClick={() => setAttempt((n) => n + 1)}>
              重试
            </Button>
          </div>
        </>
      )}
      {result && !result.genuine && (
        <Result
          status="error"
          title="未查到该凭证"
          description="该二维码不是本系统签发的参保凭证，或凭证编号有误。请向出示人所在单位工会核实。"
        />
      )}
      {result?.genuine && (
        <>
          <Result
            status={result.inForce ? 'success' : 'warning'}
            title={result.inForce ? '凭证真实有效' : '凭证真实，但当前不在保障中'}
            description={statusText[result.status] ?? result.status}
          />
          <List className="card" header="凭证信息">
            <List.Item extra={result.maskedName}>参保人</List.Item>
            <List.Item extra={result.productName}>保障项目</List.Item>
            <List.Item extra={`${result.startDate} 至 ${result.endDate}`}>保障期间</List.Item>
            <List.Item extra={result.officeName}>签发机构</List.Item>
          </List>
        </>
      )}
    </div>
  );
}
