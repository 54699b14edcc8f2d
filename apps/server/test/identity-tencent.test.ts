import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTencentFaceId, signTc3 } from '../src/adapters/identity-tencent.ts';
import type { TencentFaceIdSettings } from '../src/adapters/identity-settings.ts';
import { buildApp, type BuiltApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { AppError } from '../src/errors.ts';
import { FAKE_RULE_ID, FAKE_SECRET_ID, FAKE_SECRET_KEY, startFakeFaceId } from './helpers/fake-faceid.ts';
import { memberLogin } from './helpers/member-app.ts';
import { createTestContext, makeIdNumber, type TestContext } from './helpers/test-context.ts';

const fake = startFakeFaceId();
let settings: TencentFaceIdSettings;
let ctx: TestContext;
let built: BuiltApp;

beforeAll(async () => {
  const endpoint = await fake.start();
  settings = {
    provider: 'tencent',
    endpoint,
    secretId: FAKE_SECRET_ID,
    secretKey: FAKE_SECRET_KEY,
    ruleId: FAKE_RULE_ID,
    timeoutMs: 500,
  };
  ctx = await createTestContext({ now: new Date().toISOString() });
  const config = {
    ...loadConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-faceid-')) } as NodeJS.ProcessEnv),
    logLevel: 'silent',
    consoleDir: undefined,
    mobileDir: undefined,
    jobIntervalMs: 0,
    identity: settings,
  };
  built = await buildApp(config, { handle: ctx.handle, cipher: ctx.deps.cipher, clock: ctx.deps.clock, logger: false });
});
afterAll(async () => {
  await built.app.close();
  await ctx.close();
  await fake.stop();
});
beforeEach(() => {
  fake.setOutcome('pass');
  fake.setHang(false);
});

const person = () => ({ name: '刘洋', idNumber: makeIdNumber('1991-07-07') });
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { code: (e as AppError).code, details: (e as AppError).details };
  }
  throw new Error('expected an AppError');
};

describe('Tencent Cloud FaceID adapter against a local fake of its API', () => {
  it('signs DetectAuth with TC3-HMAC-SHA256 and gets the flow Url and BizToken', async () => {
    const v = createTencentFaceId(settings);
    const p = person();
    const started = await v.start({
      verificationId: 'v1',
      ...p,
      returnUrl: 'https://m.example.cn/m/#/real-name/v1/result',
    });
    expect(started.faceUrl).toContain('/flow?token=');
    expect(started.providerRef).toMatch(/^[0-9A-F-]{36}$/);
    const call = fake.received.at(-1)!;
    expect(call.action).toBe('DetectAuth');
    expect(call.body).toMatchObject({ RuleId: '1', IdCard: p.idNumber, Name: p.name, Extra: 'v1' });
  });

  it('a wrong secret, a skewed clock, an unknown rule: the provider’s refusal becomes IDENTITY_UNAVAILABLE', async () => {
    const p = person();
    const start = (s: TencentFaceIdSettings, now?: () => Date) =>
      createTencentFaceId(s, now).start({ verificationId: 'v', ...p, returnUrl: 'https://x.cn/' });
    expect(await codeOf(start({ ...settings, secretKey: 'wrong' }))).toMatchObject({
      code: 'IDENTITY_UNAVAILABLE',
      details: { providerCode: 'AuthFailure.SignatureFailure' },
    });
    expect(await codeOf(start(settings, () => new Date(Date.now() - 10 * 60_000)))).toMatchObject({
      details: { providerCode: 'AuthFailure.SignatureExpire' },
    });
    expect(await codeOf(start({ ...settings, ruleId: '99' }))).toMatchObject({
      details: { providerCode: 'InvalidParameterValue.RuleIdNotExist' },
    });
  });

  it('the signature covers the body: the same header over another body is refused by the fake', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const host = new URL(settings.endpoint).host;
    const signed = signTc3({
      secretId: FAKE_SECRET_ID,
      secretKey: FAKE_SECRET_KEY,
      host,
      contentType: 'application/json',
      body: '{"RuleId":"1"}',
      timestamp: ts,
    });
    const res = await fetch(settings.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: signed,
        'x-tc-action': 'DetectAuth',
        'x-tc-version': '2018-03-01',
        'x-tc-timestamp': String(ts),
      },
      body: '{"RuleId":"2"}',
    });
    const answer = (await res.json()) as { Response: { Error: { Code: string } } };
    expect(answer.Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  });

  it('reads the result: pass, liveness failure, comparison failure, not yet done', async () => {
    const v = createTencentFaceId(settings);
    const p = person();
    const run = async (o: 'pass' | 'liveness_fail' | 'compare_fail' | 'pending') => {
      fake.setOutcome(o);
      const s = await v.start({ verificationId: 'v', ...p, returnUrl: 'https://x.cn/' });
      return v.finish({ providerRef: s.providerRef, ...p, photoHead: null });
    };
    expect(await run('pass')).toEqual({ passed: true });
    expect(await run('liveness_fail')).toEqual({ passed: false, reason: '活体检测未通过' });
    expect(await run('compare_fail')).toEqual({ passed: false, reason: '比对相似度未达到通过标准' });
    expect(await run('pending')).toEqual({ passed: false, reason: '尚未完成人脸核身' });
    expect(fake.received.at(-1)).toMatchObject({
      action: 'GetDetectInfoEnhanced',
      body: { InfoType: '1', RuleId: '1' },
    });
  });

  it('a result about someone else (another token’s person) does not pass; an unknown token has expired', async () => {
    const v = createTencentFaceId(settings);
    const a = person();
    const s = await v.start({ verificationId: 'v', ...a, returnUrl: 'https://x.cn/' });
    expect(
      await v.finish({ providerRef: s.providerRef, name: '别人', idNumber: a.idNumber, photoHead: null }),
    ).toMatchObject({ passed: false });
    expect(await v.finish({ providerRef: 'NO-SUCH-TOKEN', ...a, photoHead: null })).toEqual({
      passed: false,
      reason: '人脸核身已过期，请重新认证',
    });
  });

  it('a provider that does not answer in time is IDENTITY_UNAVAILABLE (timeout), not a hang', async () => {
    fake.setHang(true);
    const started = Date.now();
    expect(
      await codeOf(
        createTencentFaceId(settings).start({ verificationId: 'v', ...person(), returnUrl: 'https://x.cn/' }),
      ),
    ).toMatchObject({
      code: 'IDENTITY_UNAVAILABLE',
      details: { reason: 'TIMEOUT' },
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('through the app: start → provider flow → back with the token → result pulled by the server → bound', async () => {
    const m = await memberLogin({ ...ctx, app: built.app } as TestContext, '13600000001');
    const p = person();
    const started = await m.post('/api/v1/m/real-name', p);
    expect(started.statusCode).toBe(200);
    const { verificationId, faceUrl, provider } = started.json();
    expect(provider).toBe('tencent');
    const flow = await fetch(faceUrl, { redirect: 'manual' });
    expect(flow.status).toBe(302);
    const back = new URL(flow.headers.get('location')!);
    expect(back.hash).toBe(`#/real-name/${verificationId}/result`);
    expect(back.searchParams.get('token')).toBeTruthy();
    const done = await m.post(`/api/v1/m/real-name/${verificationId}/face`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'verified', existingMember: false });
    expect((await m.get('/api/v1/m/auth/me')).json().member.realNameVerified).toBe(true);
  });

  it('through the app: a failed face step binds nothing and says why', async () => {
    fake.setOutcome('compare_fail');
    const m = await memberLogin({ ...ctx, app: built.app } as TestContext, '13600000002');
    const { verificationId } = (await m.post('/api/v1/m/real-name', person())).json();
    const done = await m.post(`/api/v1/m/real-name/${verificationId}/face`);
    expect(done.json()).toEqual({ status: 'failed', reason: '比对相似度未达到通过标准' });
    expect((await m.get('/api/v1/m/auth/me')).json().member.realNameVerified).toBe(false);
  });
});

describe('identity settings', () => {
  const base = { DATA_DIR: os.tmpdir() };
  it('defaults to the demo verifier', () => {
    expect(loadConfig(base as NodeJS.ProcessEnv).identity).toEqual({ provider: 'demo' });
  });
  it('tencent without its keys stops the start, naming each missing variable', () => {
    let message = '';
    try {
      loadConfig({ ...base, HUZHU_IDENTITY_PROVIDER: 'tencent', HUZHU_FACEID_SECRET_ID: 'AKID' } as NodeJS.ProcessEnv);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('HUZHU_FACEID_SECRET_KEY');
    expect(message).toContain('HUZHU_FACEID_RULE_ID');
    expect(message).not.toContain('HUZHU_FACEID_SECRET_ID');
  });
  it('reads complete tencent settings with the documented endpoint', () => {
    const s = loadConfig({
      ...base,
      HUZHU_IDENTITY_PROVIDER: 'tencent',
      HUZHU_FACEID_SECRET_ID: 'AKID',
      HUZHU_FACEID_SECRET_KEY: 'key',
      HUZHU_FACEID_RULE_ID: '2',
    } as NodeJS.ProcessEnv).identity;
    expect(s).toEqual({
      provider: 'tencent',
      endpoint: 'https://faceid.tencentcloudapi.com/',
      secretId: 'AKID',
      secretKey: 'key',
      ruleId: '2',
      timeoutMs: 8000,
    });
  });
});
