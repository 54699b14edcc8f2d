import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAliyunSms, percentEncode, signRpc } from '../src/adapters/sms-aliyun.ts';
import { createSmsSender } from '../src/adapters/sms-provider.ts';
import { type SmsMessage, type SmsTemplate, smsTemplates } from '../src/adapters/sms.ts';
import type { AliyunSmsSettings } from '../src/adapters/sms-settings.ts';
import { buildApp } from '../src/app.ts';
import { newId } from '../src/ids.ts';
import { createNotificationService } from '../src/services/notification.service.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import type { ServiceDeps } from '../src/context.ts';
import { acceptedClaim, buildClaimsWorld, inpatientClaim } from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';

const SECRET = 'fake-secret-9f2c';
type Mode = 'ok' | 'limit' | 'hang' | 'slow';

/**
 * A stand-in for dysmsapi.aliyuncs.com: checks the request the way the real API documents it (common parameters,
 * HMAC-SHA1 signature over the sorted query with SECRET) and answers in its JSON shapes.
 */
function startFakeDysmsapi() {
  let mode: Mode = 'ok';
  let seq = 0;
  const received: Record<string, string>[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = Object.fromEntries(url.searchParams);
    const { Signature: signature, ...signed } = params;
    const answer = (status: number, body: Record<string, string>) =>
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
    const requestId = `F0E1D2C3-${String(++seq).padStart(4, '0')}`;
    received.push(params);
    if (signed.Action !== 'SendSms' || signed.Version !== '2017-05-25' || signed.SignatureVersion !== '1.0')
      return answer(400, { Code: 'InvalidParameter', Message: 'bad common parameters', RequestId: requestId });
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(signed.Timestamp ?? ''))
      return answer(400, {
        Code: 'InvalidTimeStamp.Format',
        Message: 'Specified time stamp is not valid.',
        RequestId: requestId,
      });
    if (signature !== signRpc(signed, SECRET).signature)
      return answer(400, {
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched with our calculation.',
        RequestId: requestId,
      });
    if (mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (mode === 'slow') {
      setTimeout(() => answer(200, { Code: 'OK', Message: 'OK', BizId: `90000${seq}^0`, RequestId: requestId }), 400);
      return;
    }
    if (mode === 'limit')
      return answer(200, {
        Code: 'isv.BUSINESS_LIMIT_CONTROL',
        Message: '触发分钟级流控Permits:1',
        RequestId: requestId,
      });
    return answer(200, { Code: 'OK', Message: 'OK', BizId: `90000${seq}^0`, RequestId: requestId });
  });
  return {
    received,
    setMode: (m: Mode) => {
      mode = m;
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    },
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// One provider template code per template of ours (config refuses a map that misses any).
const templateCodes = Object.fromEntries(
  Object.keys(smsTemplates).map((t, i) => [t, `SMS_${100_000_001 + i}`]),
) as Record<SmsTemplate, string>;

let ctx: TestContext;
const fake = startFakeDysmsapi();
let settings: AliyunSmsSettings;
beforeAll(async () => {
  ctx = await createTestContext();
  settings = {
    provider: 'aliyun',
    endpoint: await fake.start(),
    accessKeyId: 'LTAItest',
    accessKeySecret: SECRET,
    signName: '职工互助',
    templateCodes,
    timeoutMs: 1000,
  };
});
afterAll(async () => {
  await fake.stop();
  await ctx.close();
});
beforeEach(() => fake.setMode('ok'));

const message = (over: Partial<SmsMessage> = {}): SmsMessage => ({
  officeId: ctx.office.id,
  to: '13800138000',
  template: 'claim_paid',
  params: { ref: 'AB12CD34', amount: '2550.00' },
  objectType: 'claim',
  objectId: `claim-${Math.random()}`,
  ...over,
});
/** Sends and waits for the provider's answer (send() itself returns once the text is in the outbox). */
async function sendVia(over: Partial<AliyunSmsSettings>, m: SmsMessage) {
  const sender = createAliyunSms({ ...settings, ...over }, ctx.handle.db, ctx.deps.clock);
  await sender.send(m);
  await sender.settled?.();
}
const rowOf = (objectId: string) =>
  ctx.handle.db.selectFrom('sms_outbox').selectAll().where('object_id', '=', objectId).executeTakeFirstOrThrow();

describe('request signing', () => {
  it('reproduces the known answer of Alibaba Cloud’s signature documentation', () => {
    // testId / testSecret, the documented SendSms example; its published signature is zJDF+Lrzhj/ThnlvIToysFRq6t4=.
    const { query, signature } = signRpc(
      {
        AccessKeyId: 'testId',
        Action: 'SendSms',
        Format: 'XML',
        OutId: '123',
        PhoneNumbers: '15300000001',
        RegionId: 'cn-hangzhou',
        SignName: '阿里云短信测试专用',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
        SignatureVersion: '1.0',
        TemplateCode: 'SMS_71390007',
        TemplateParam: '{"customer":"test"}',
        Timestamp: '2017-07-12T02:42:19Z',
        Version: '2017-05-25',
      },
      'testSecret',
    );
    expect(signature).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(percentEncode(signature)).toBe('zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D');
    expect(query).toContain(
      'SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8',
    );
    expect(query).toContain('TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z');
  });

  it("percent-encodes as RFC 3986: space %20, * %2A, ~ kept, and !'() encoded", () => {
    expect(percentEncode("a b*c~d!e'f(g)h+i/j")).toBe('a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj');
  });
});

describe('Alibaba Cloud SMS sender', () => {
  it('sends a signed SendSms and records the text as sent with the BizId', async () => {
    const m = message();
    await sendVia({}, m);
    const row = await rowOf(m.objectId!);
    expect(row).toMatchObject({ status: 'sent', provider: 'aliyun', provider_code: 'OK', failure_reason: null });
    expect(row.provider_ref).toMatch(/^90000\d+\^0$/);
    expect(row.sent_at).not.toBeNull();
    expect(row.text).toContain('2550.00元');
    const req = fake.received.at(-1)!;
    expect(req).toMatchObject({
      PhoneNumbers: '13800138000',
      SignName: '职工互助',
      TemplateCode: templateCodes.claim_paid,
      OutId: row.id,
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
    });
    expect(JSON.parse(req.TemplateParam!)).toEqual({ ref: 'AB12CD34', amount: '2550.00' });
  });

  it('marks a provider refusal (flow control) failed with its code and message', async () => {
    fake.setMode('limit');
    const m = message({ template: 'claim_accepted', params: { ref: 'X', dueDate: '2026-03-20' } });
    await expect(sendVia({}, m)).resolves.toBeUndefined();
    expect(await rowOf(m.objectId!)).toMatchObject({
      status: 'failed',
      provider_code: 'isv.BUSINESS_LIMIT_CONTROL',
      failure_reason: '触发分钟级流控Permits:1',
      sent_at: null,
    });
    expect(fake.received.at(-1)!.TemplateCode).toBe(templateCodes.claim_accepted);
  });

  it('gives up after the timeout and marks the text failed', async () => {
    fake.setMode('hang');
    const m = message();
    const started = Date.now();
    await sendVia({ timeoutMs: 200 }, m);
    expect(Date.now() - started).toBeLessThan(900);
    expect(await rowOf(m.objectId!)).toMatchObject({ status: 'failed', provider_code: 'TIMEOUT' });
  });

  it('is refused by the API when signed with a wrong secret', async () => {
    const m = message();
    await sendVia({ accessKeySecret: 'not-the-secret' }, m);
    const row = await rowOf(m.objectId!);
    expect(row).toMatchObject({ status: 'failed', provider_code: 'SignatureDoesNotMatch' });
    expect(row.provider_ref).toMatch(/^F0E1D2C3-/);
  });

  it('marks the text failed when the provider cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const m = message();
    const endpoint = `http://127.0.0.1:${port}/`;
    await sendVia({ endpoint }, m);
    expect(await rowOf(m.objectId!)).toMatchObject({ status: 'failed', provider_code: 'NETWORK' });
  });

  it('never holds up the change that notifies: the notice returns at once, the text ends failed after the timeout', async () => {
    const w = await buildClaimsWorld(ctx);
    const claimId = await acceptedClaim(w, inpatientClaim(w.member.id));
    fake.setMode('hang');
    const sender = createSmsSender({ ...settings, timeoutMs: 400 }, ctx.handle.db, ctx.deps.clock);
    const notify = createNotificationService({ db: ctx.handle.db } as ServiceDeps, sender);
    const started = Date.now();
    await expect(
      notify.claims([{ claimId, template: 'claim_returned', params: { reason: '缺出院小结' } }]),
    ).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(400);
    const row = () =>
      ctx.handle.db
        .selectFrom('sms_outbox')
        .selectAll()
        .where('object_id', '=', claimId)
        .where('template', '=', 'claim_returned')
        .executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'queued', provider: 'aliyun' });
    await sender.settled?.();
    expect(await row()).toMatchObject({ status: 'failed', provider_code: 'TIMEOUT' });
  });

  it('keeps at most four requests open at once, whatever the number of texts', async () => {
    fake.setMode('hang');
    const sender = createAliyunSms({ ...settings, timeoutMs: 600 }, ctx.handle.db, ctx.deps.clock);
    const messages = Array.from({ length: 10 }, () => message());
    const before = fake.received.length;
    for (const m of messages) await sender.send(m);
    // Nothing can finish before the 600 ms timeout: whatever has arrived by now was sent at once.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(fake.received.length - before).toBe(4);
    await sender.settled?.();
    expect(fake.received.length - before).toBe(10);
    for (const m of messages) expect((await rowOf(m.objectId!)).provider_code).toBe('TIMEOUT');
  });

  it('closing the app waits for the texts still being delivered, so none is left queued', async () => {
    fake.setMode('slow');
    const config = {
      ...loadConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-sms-close-')) } as NodeJS.ProcessEnv),
      logLevel: 'silent',
      consoleDir: undefined,
      mobileDir: undefined,
      jobIntervalMs: 0,
      sms: settings,
    };
    const { app, services } = await buildApp(config, { handle: ctx.handle, clock: ctx.deps.clock, logger: false });
    const m = message();
    await services.sms.send(m);
    expect(await rowOf(m.objectId!)).toMatchObject({ status: 'queued' });
    await app.close();
    expect(await rowOf(m.objectId!)).toMatchObject({ status: 'sent', provider_code: 'OK' });
  });

  it('the outbox list shows the provider, its code and the reason, and filters by status; scope and bad input', async () => {
    fake.setMode('ok');
    const sent = message();
    await sendVia({}, sent);
    fake.setMode('limit');
    const refused = message();
    await sendVia({}, refused);
    const admin = await ctx.as('office_admin');
    const failed = (await admin.get('/api/v1/sms-outbox?status=failed&pageSize=100')).json() as {
      items: Record<string, unknown>[];
    };
    expect(failed.items.every((m) => m.status === 'failed')).toBe(true);
    expect(failed.items.find((m) => m.objectId === refused.objectId)).toMatchObject({
      provider: 'aliyun',
      providerCode: 'isv.BUSINESS_LIMIT_CONTROL',
      failureReason: expect.stringContaining('流控'),
      sentAt: null,
    });
    const ok = (await admin.get('/api/v1/sms-outbox?status=sent&pageSize=100')).json() as {
      items: Record<string, unknown>[];
    };
    expect(ok.items.find((m) => m.objectId === sent.objectId)).toMatchObject({
      status: 'sent',
      providerCode: 'OK',
      providerRef: expect.stringMatching(/^90000\d+\^0$/),
      failureReason: null,
      sentAt: expect.any(String),
    });
    expect(ok.items.some((m) => m.objectId === refused.objectId)).toBe(false);
    const bad = await admin.get('/api/v1/sms-outbox?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    // An admin of another office sees none of these texts.
    const otherOffice = newId();
    await ctx.handle.db
      .insertInto('office')
      .values({
        id: otherOffice,
        code: `O${otherOffice.slice(-8)}`,
        name: '另一办事处',
        region_code: '500000',
        created_at: new Date().toISOString(),
      })
      .execute();
    const stranger = await ctx.login(await ctx.newUser('office_admin', { office_id: otherOffice }));
    const theirs = (await stranger.get('/api/v1/sms-outbox?pageSize=100')).json() as {
      items: unknown[];
      total: number;
    };
    expect(theirs).toMatchObject({ items: [], total: 0 });
  });

  it('the default outbox sender only queues', async () => {
    const m = message();
    await createSmsSender({ provider: 'outbox' }, ctx.handle.db, ctx.deps.clock).send(m);
    expect(await rowOf(m.objectId!)).toMatchObject({ status: 'queued', provider: null, provider_code: null });
  });
});

describe('SMS configuration', () => {
  const base = { DATA_DIR: '/tmp/huzhu-sms-config' };
  const aliyunEnv = {
    ...base,
    HUZHU_SMS_PROVIDER: 'aliyun',
    HUZHU_SMS_ACCESS_KEY_ID: 'LTAItest',
    HUZHU_SMS_ACCESS_KEY_SECRET: SECRET,
    HUZHU_SMS_SIGN_NAME: '职工互助',
    HUZHU_SMS_TEMPLATES: JSON.stringify(templateCodes),
  };
  const errorOf = (env: Record<string, string>) => {
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('defaults to the outbox, which needs no keys', () => {
    expect(loadConfig(base as NodeJS.ProcessEnv).sms).toEqual({ provider: 'outbox' });
  });

  it('reads the aliyun settings, with the documented endpoint and a 5 s timeout by default', () => {
    expect(loadConfig(aliyunEnv as NodeJS.ProcessEnv).sms).toEqual({
      provider: 'aliyun',
      endpoint: 'https://dysmsapi.aliyuncs.com/',
      accessKeyId: 'LTAItest',
      accessKeySecret: SECRET,
      signName: '职工互助',
      templateCodes,
      timeoutMs: 5000,
    });
  });

  it('names every missing setting when the provider is aliyun', () => {
    const text = errorOf({ ...base, HUZHU_SMS_PROVIDER: 'aliyun' });
    for (const name of [
      'HUZHU_SMS_ACCESS_KEY_ID',
      'HUZHU_SMS_ACCESS_KEY_SECRET',
      'HUZHU_SMS_SIGN_NAME',
      'HUZHU_SMS_TEMPLATES',
    ])
      expect(text).toContain(name);
  });

  it('refuses template maps that are not JSON, miss a template or name an unknown one', () => {
    expect(errorOf({ ...aliyunEnv, HUZHU_SMS_TEMPLATES: '{claim_paid:' })).toContain('不是有效的 JSON');
    const { claim_paid: _, ...partial } = templateCodes;
    expect(errorOf({ ...aliyunEnv, HUZHU_SMS_TEMPLATES: JSON.stringify(partial) })).toContain(
      '缺少模板编号 claim_paid',
    );
    expect(
      errorOf({ ...aliyunEnv, HUZHU_SMS_TEMPLATES: JSON.stringify({ ...templateCodes, claim_closed: 'SMS_9' }) }),
    ).toContain('未知的模板 claim_closed');
  });

  it('refuses an unknown provider, a non-http endpoint and an empty secret', () => {
    expect(errorOf({ ...base, HUZHU_SMS_PROVIDER: 'twilio' })).toContain('HUZHU_SMS_PROVIDER');
    expect(errorOf({ ...aliyunEnv, HUZHU_SMS_ENDPOINT: 'ftp://x/' })).toContain('HUZHU_SMS_ENDPOINT');
    expect(errorOf({ ...aliyunEnv, HUZHU_SMS_ACCESS_KEY_SECRET: '  ' })).toContain('HUZHU_SMS_ACCESS_KEY_SECRET');
  });
});
