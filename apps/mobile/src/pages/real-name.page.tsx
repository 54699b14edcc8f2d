import { Button, Form, Input, NavBar, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { useSession } from '../session.ts';

/** 实名认证, step 1: name and ID number (checked on the server: checksum, birth date), then the face step. */
export function RealNamePage({ navigate }: { navigate: (p: string) => void }) {
  const { account } = useSession();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function submit() {
    setError('');
    if (name.trim().length < 2) return setError('请输入身份证上的姓名');
    if (!/^\d{17}[\dXx]$/.test(idNumber.trim())) return setError('请输入 18 位身份证号');
    setBusy(true);
    try {
      const started = await api.startRealName(name.trim(), idNumber.trim());
      // The demo verifier's face step is our camera page; a provider's is its own H5 flow.
      if (started.provider === 'demo') navigate(`real-name/${started.verificationId}/face`);
      else window.location.href = started.faceUrl;
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('me')}>
        实名认证
      </NavBar>
      {account?.realNameVerified && (
        <NoticeBar
          color="info"
          wrap
          content={`已认证：${account.maskedName ?? ''} ${account.idNumberMasked ?? ''}。重新认证将以新的身份信息为准。`}
        />
      )}
      <div className="intro">
        <h1 className="intro-title">核实本人身份</h1>
        <p className="intro-text">
          填写身份证上的姓名和号码，再拍一张本人正脸照片。认证通过后，单位为您办理的保障会自动显示。
        </p>
      </div>
      <Form layout="horizontal" className="form">
        <Form.Item label="姓名">
          <Input
            aria-label="姓名"
            placeholder="身份证上的姓名"
            value={name}
            onChange={setName}
            maxLength={30}
            clearable
          />
        </Form.Item>
        <Form.Item label="身份证号">
          <Input
            aria-label="身份证号"
            placeholder="18 位身份证号"
            value={idNumber}
            onChange={(v) => setIdNumber(v.toUpperCase().replace(/[^\dX]/g, ''))}
            maxLength={18}
            clearable
          />
        </Form.Item>
      </Form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="fineprint">身份证号加密保存，页面上只显示部分号码。</p>
      <div className="actions">
        <Button block color="primary" size="large" loading={busy} onClick={submit}>
          下一步：人脸核验
        </Button>
      </div>
    </div>
  );
}
