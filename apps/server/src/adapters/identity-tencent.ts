import { createHash, createHmac } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { IdentityVerifier } from './identity-types.ts';
import type { TencentFaceIdSettings } from './identity-settings.ts';

/**
 * Tencent Cloud FaceID (人脸核身 SaaS, API 2018-03-01), the H5 flow: DetectAuth gives a BizToken and the flow's Url;
 * the browser does the liveness + 1:1 comparison there and comes back to our page; GetDetectInfoEnhanced then tells
 * the server the result (never trusted from the browser). Requests are signed with TC3-HMAC-SHA256.
 */
const SERVICE = 'faceid';
const VERSION = '2018-03-01';
const CONTENT_TYPE = 'application/json';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** The TC3-HMAC-SHA256 Authorization header for a POST of `body` (content-type and host signed). */
export function signTc3(opts: {
  secretId: string;
  secretKey: string;
  host: string;
  contentType: string;
  body: string;
  timestamp: number;
  service?: string;
}): string {
  const service = opts.service ?? SERVICE;
  const date = new Date(opts.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:${opts.contentType}\nhost:${opts.host}\n`,
    'content-type;host',
    sha256Hex(opts.body),
  ].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(opts.timestamp), scope, sha256Hex(canonical)].join('\n');
  const kDate = hmac(`TC3${opts.secretKey}`, date);
  const kService = hmac(kDate, service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${opts.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

interface TcError {
  Code: string;
  Message: string;
}
interface DetectAuthAnswer {
  Url?: string;
  BizToken?: string;
  RequestId?: string;
  Error?: TcError;
}
interface DetectInfoAnswer {
  Text?: {
    ErrCode: number | null;
    ErrMsg: string | null;
    IdCard: string | null;
    Name: string | null;
    Sim?: string | null;
    Extra?: string | null;
  } | null;
  RequestId?: string;
  Error?: TcError;
}

export function createTencentFaceId(
  settings: TencentFaceIdSettings,
  now: () => Date = () => new Date(),
): IdentityVerifier {
  const url = new URL(settings.endpoint);

  async function call<T extends { Error?: TcError }>(action: string, payload: Record<string, unknown>): Promise<T> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(now().getTime() / 1000);
    const headers = {
      'content-type': CONTENT_TYPE,
      host: url.host,
      authorization: signTc3({
        secretId: settings.secretId,
        secretKey: settings.secretKey,
        host: url.host,
        contentType: CONTENT_TYPE,
        body,
        timestamp,
      }),
      'x-tc-action': action,
      'x-tc-version': VERSION,
      'x-tc-timestamp': String(timestamp),
      'x-tc-language': 'zh-CN',
    };
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(settings.timeoutMs) });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      throw new AppError('IDENTITY_UNAVAILABLE', { provider: 'tencent', reason: timedOut ? 'TIMEOUT' : 'NETWORK' });
    }
    // API errors come on HTTP 200 inside Response.Error; another status is a transport problem.
    const text = await res.text();
    let parsed: { Response?: T };
    try {
      parsed = JSON.parse(text) as { Response?: T };
    } catch {
      throw new AppError('IDENTITY_UNAVAILABLE', { provider: 'tencent', reason: `HTTP_${res.status}` });
    }
    const answer = parsed.Response;
    if (res.status !== 200 || !answer)
      throw new AppError('IDENTITY_UNAVAILABLE', { provider: 'tencent', reason: `HTTP_${res.status}` });
    return answer;
  }

  const refuse = (e: TcError, requestId?: string): never => {
    console.warn(`人脸核身调用失败 / FaceID error: ${e.Code} ${e.Message} ${requestId ?? ''}`);
    throw new AppError('IDENTITY_UNAVAILABLE', { provider: 'tencent', providerCode: e.Code });
  };

  return {
    provider: 'tencent',
    async start({ verificationId, name, idNumber, returnUrl }) {
      const a = await call<DetectAuthAnswer>('DetectAuth', {
        RuleId: settings.ruleId,
        IdCard: idNumber.toUpperCase(),
        Name: name,
        RedirectUrl: returnUrl,
        Extra: verificationId,
      });
      if (a.Error) return refuse(a.Error, a.RequestId);
      if (!a.Url || !a.BizToken) throw new AppError('IDENTITY_UNAVAILABLE', { provider: 'tencent', reason: 'EMPTY' });
      return { providerRef: a.BizToken, faceUrl: a.Url };
    },
    async finish({ providerRef, name, idNumber }) {
      if (!providerRef) throw new AppError('VERIFICATION_CLOSED');
      const a = await call<DetectInfoAnswer>('GetDetectInfoEnhanced', {
        BizToken: providerRef,
        RuleId: settings.ruleId,
        InfoType: '1',
      });
      if (a.Error) {
        if (a.Error.Code === 'InvalidParameterValue.BizTokenExpired')
          return { passed: false, reason: '人脸核身已过期，请重新认证' };
        return refuse(a.Error, a.RequestId);
      }
      const t = a.Text;
      if (!t || t.ErrCode === null) return { passed: false, reason: '尚未完成人脸核身' };
      if (t.ErrCode !== 0) return { passed: false, reason: t.ErrMsg ?? `人脸核身未通过（${t.ErrCode}）` };
      // The result must be about the person this verification named, not a token of another flow.
      if ((t.IdCard ?? '').toUpperCase() !== idNumber.toUpperCase() || (t.Name ?? '') !== name)
        return { passed: false, reason: '核身结果与填写的姓名、身份证号不一致' };
      return { passed: true };
    },
  };
}
