import { pendingGig } from '../enrol-journey.ts';
import { Button, NavBar, Result } from 'antd-mobile';
import { CameraOutline } from 'antd-mobile-icons';
import { useEffect, useRef, useState } from 'react';
import { api, messageOf } from '../api/api.ts';
import { compressPhoto } from '../photo.ts';
import { useSession } from '../session.ts';

/**
 * 实名认证, step 2: the face step. With the demo verifier the phone's camera takes a photo here (compressed before
 * upload); coming back from a provider's H5 flow (`returned`), the server pulls the result itself.
 */
export function FacePage({
  verificationId,
  returned,
  navigate,
}: {
  verificationId: string;
  returned: boolean;
  navigate: (p: string) => void;
}) {
  const session = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<{ ok: boolean; text: string } | null>(null);

  async function finish(photo?: Blob) {
    setBusy(true);
    setError('');
    try {
      const r = await api.finishFace(verificationId, photo);
      if (r.status === 'verified') {
        await session.refresh();
        setDone({
          ok: true,
          text: r.existingMember ? '已关联您在单位参保的记录，保障信息已可查看。' : '实名认证已完成。',
        });
      } else setDone({ ok: false, text: r.reason ?? '人脸核验未通过' });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on coming back from the provider's flow.
  useEffect(() => {
    if (returned) void finish();
  }, [returned]);

  async function onFile(file: File | undefined) {
    if (!file) return;
    const { blob } = await compressPhoto(file);
    setPreview(URL.createObjectURL(blob));
    await finish(blob);
  }

  if (done)
    return (
      <div className="page">
        <NavBar className="nav" onBack={() => navigate('me')}>
          实名认证
        </NavBar>
        <Result
          status={done.ok ? 'success' : 'error'}
          title={done.ok ? '认证成功' : '认证未通过'}
          description={done.text}
        />
        <div className="actions">
          {done.ok && pendingGig() ? (
            // Came from a channel poster: back to the order the worker had started.
            <Button block color="primary" size="large" onClick={() => navigate(pendingGig()!)}>
              继续参保
            </Button>
          ) : done.ok ? (
            <Button block color="primary" size="large" onClick={() => navigate('cover')}>
              查看我的保障
            </Button>
          ) : (
            <Button block color="primary" size="large" onClick={() => navigate('real-name')}>
              重新认证
            </Button>
          )}
        </div>
      </div>
    );

  return (
    <div className="page">
      <NavBar className="nav" onBack={() => navigate('real-name')}>
        人脸核验
      </NavBar>
      <div className="intro">
        <h1 className="intro-title">拍一张本人正脸照片</h1>
        <p className="intro-text">请在光线充足处，摘下帽子和口罩，正对镜头。</p>
      </div>
      <button type="button" className="face-frame" onClick={() => input.current?.click()} aria-label="点此拍照">
        {preview ? <img src={preview} alt="刚拍的照片" /> : <CameraOutline fontSize={48} />}
      </button>
      <input
        ref={input}
        data-testid="face-input"
        type="file"
        accept="image/*"
        capture="user"
        hidden
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <Button block color="primary" size="large" loading={busy} onClick={() => input.current?.click()}>
          {returned ? '正在获取核验结果' : '打开相机'}
        </Button>
      </div>
    </div>
  );
}
