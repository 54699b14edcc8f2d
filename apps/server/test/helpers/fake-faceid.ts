import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signTc3 } from '../../src/adapters/identity-tencent.ts';

export type FaceOutcome = 'pass' | 'liveness_fail' | 'compare_fail' | 'pending';
export const FAKE_SECRET_ID = 'AKIDfake0001';
export const FAKE_SECRET_KEY = 'fake-tc3-secret-7d1e';
export const FAKE_RULE_ID = '1';

interface Flow {
  name: string;
  idCard: string;
  redirectUrl: string;
  extra: string;
  createdAt: number;
  outcome: FaceOutcome;
}

/**
 * A stand-in for faceid.tencentcloudapi.com (API 2018-03-01), faithful to providers.md §2.5: recomputes TC3 from
 * the raw body and the received content-type and host; SignatureFailure / SignatureExpire (skew > 300 s) /
 * InvalidAction / NoSuchVersion as HTTP 200 + Response.Error + RequestId; DetectAuth checks RuleId and gives
 * { Url, BizToken }; the flow page redirects to RedirectUrl with the token; GetDetectInfoEnhanced answers the
 * switchable outcome with the real types (ErrCode int, Sim string, Extra echoed), BizTokenExpired after 3 days.
 */
export function startFakeFaceId(now: () => number = () => Date.now()) {
  let outcome: FaceOutcome = 'pass';
  let hang = false;
  let base = '';
  const flows = new Map<string, Flow>();
  const received: { action: string; body: Record<string, unknown> }[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (req.method === 'GET' && url.pathname === '/flow') {
        // The H5 flow page: the person "does" the face step, and the browser is sent back with the token.
        const token = url.searchParams.get('token') ?? '';
        const flow = flows.get(token);
        if (!flow) return res.writeHead(404).end('unknown token');
        const back = new URL(flow.redirectUrl);
        back.searchParams.set('token', token);
        return res.writeHead(302, { location: back.toString() }).end();
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const requestId = randomUUID();
      const answer = (response: Record<string, unknown>) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ Response: { ...response, RequestId: requestId } }));
      const error = (Code: string, Message: string) => answer({ Error: { Code, Message } });
      if (hang) {
        hanging.add(res);
        return;
      }
      const h = req.headers;
      const timestamp = Number(h['x-tc-timestamp']);
      const contentType = String(h['content-type'] ?? '');
      const host = String(h.host ?? '');
      const expected = signTc3({
        secretId: FAKE_SECRET_ID,
        secretKey: FAKE_SECRET_KEY,
        host,
        contentType,
        body: raw,
        timestamp,
      });
      if (h.authorization !== expected) return error('AuthFailure.SignatureFailure', '请求签名验证失败');
      if (Math.abs(now() / 1000 - timestamp) > 300) return error('AuthFailure.SignatureExpire', '签名过期');
      if (h['x-tc-version'] !== '2018-03-01') return error('NoSuchVersion', '接口版本不存在');
      const action = String(h['x-tc-action'] ?? '');
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return error('InvalidParameter', '请求体不是 JSON');
      }
      received.push({ action, body });
      if (action === 'DetectAuth') {
        if (body.RuleId !== FAKE_RULE_ID) return error('InvalidParameterValue.RuleIdNotExist', 'RuleId不存在');
        if (typeof body.IdCard !== 'string' || typeof body.Name !== 'string')
          return error('MissingParameter', '缺少参数 IdCard 或 Name');
        const token = randomUUID().toUpperCase();
        flows.set(token, {
          name: body.Name,
          idCard: body.IdCard,
          redirectUrl: String(body.RedirectUrl ?? 'https://example.invalid/'),
          extra: String(body.Extra ?? ''),
          createdAt: now(),
          outcome,
        });
        return answer({ Url: `${base}flow?token=${token}`, BizToken: token });
      }
      if (action === 'GetDetectInfoEnhanced') {
        const flow = flows.get(String(body.BizToken ?? ''));
        if (!flow || now() - flow.createdAt > 3 * 86_400_000)
          return error('InvalidParameterValue.BizTokenExpired', 'BizToken过期');
        if (body.RuleId !== FAKE_RULE_ID) return error('InvalidParameterValue.RuleIdNotExist', 'RuleId不存在');
        const o = flow.outcome;
        const text =
          o === 'pending'
            ? { ErrCode: null, ErrMsg: null, IdCard: null, Name: null, Sim: null, Extra: flow.extra }
            : {
                ErrCode: o === 'pass' ? 0 : o === 'liveness_fail' ? -1101 : -1102,
                ErrMsg: o === 'pass' ? '成功' : o === 'liveness_fail' ? '活体检测未通过' : '比对相似度未达到通过标准',
                IdCard: flow.idCard,
                Name: flow.name,
                Sim: o === 'compare_fail' ? '41.20' : '93.57',
                Extra: flow.extra,
                LiveStatus: o === 'liveness_fail' ? -1101 : 0,
                Comparestatus: o === 'compare_fail' ? -1102 : 0,
              };
        const infoType = String(body.InfoType ?? '0');
        return answer({
          Text: infoType.includes('1') || infoType === '0' ? text : null,
          IdCardData: null,
          BestFrame: null,
          VideoData: null,
        });
      }
      return error('InvalidAction', `接口 ${action} 不存在`);
    });
  });

  return {
    received,
    flows,
    setOutcome(o: FaceOutcome) {
      outcome = o;
    },
    setHang(h: boolean) {
      hang = h;
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      return base;
    },
    async stop() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
