/**
 * bench/gig-enrol: N gig workers (default 200) enrol at the same time, end to end, on a fresh `tiny` demo database
 * with WeChat Pay v3 played by the project's local fake (test/helpers/fake-wechatpay.ts): SMS code → sign-in → real
 * name → face → GIG order (an H5 order at the fake) → the worker pays → WeChat Pay's callback delivered twice (both
 * copies at once) → the order's status. Each step is one burst of N concurrent requests (each client its own
 * address, as behind the office's proxy); a raw public route is hit with the same burst before and after. Checks:
 * 0 errors, every order effective, exactly one policy, one payment and one `gig_enrolment.pay` audit row per worker
 * (0 double activations).
 *
 *   tsx bench/src/gig-enrol.ts --db sqlite|postgres [--clients 200] [--pg-url URL]
 */
import { parseArgs } from 'node:util';
import { startFakeWechatPay } from '../../apps/server/test/helpers/fake-wechatpay.ts';
import {
  type BurstAnswer,
  type BurstRequest,
  benchIdNumber,
  burst,
  clientIp,
  json,
  latency,
  openFreshGigApp,
} from './fresh-gig-app.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    clients: { type: 'string', default: '200' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const db = values.db === 'postgres' ? 'postgres' : 'sqlite';
const N = Number(values.clients);
const print = (line: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'gig-enrol', db, ...line }));
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-bench-face-photo')]);

function multipart(field: string, content: Buffer) {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="face.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body: body.toString('base64'), type: `multipart/form-data; boundary=${boundary}` };
}

async function main() {
  const fake = startFakeWechatPay();
  // The fake answers from this process's event loop, which also serves the app under a burst: a generous timeout
  // (the real provider is another host).
  const settings = { ...fake.settings(await fake.start()), timeoutMs: 30_000 };
  const env = await openFreshGigApp({
    db,
    pgUrl: String(values['pg-url']),
    payment: settings,
    routes: (app) => app.get('/api/v1/bench/raw', { config: { auth: 'public' } }, async () => ({ ok: true })),
  });
  const steps: Record<string, { errors: number; p50: number; p99: number; max: number; wallMs: number }> = {};
  let errors = 0;
  const step = async (name: string, requests: BurstRequest[], ok: (a: BurstAnswer) => boolean) => {
    const t = performance.now();
    const answers = await burst(env.port, requests);
    const wallMs = Math.round(performance.now() - t);
    const bad = answers.filter((a) => !ok(a));
    errors += bad.length;
    steps[name] = { errors: bad.length, ...latency(answers), wallMs };
    print({
      step: name,
      requests: answers.length,
      errors: bad.length,
      wallMs,
      ...latency(answers),
      ...(bad[0] ? { firstError: `${bad[0].status} ${bad[0].body.slice(0, 200)}` } : {}),
    });
    return answers;
  };
  try {
    const d = env.handle.db;
    const ip = (i: number) => clientIp(i + 1000);
    const raw = () =>
      Array.from(
        { length: N },
        (_, i): BurstRequest => ({
          method: 'GET',
          path: '/api/v1/bench/raw',
          headers: { 'x-forwarded-for': ip(i) },
        }),
      );
    print({ phase: 'setup', seedMs: Math.round(env.seedMs), clients: N });
    await step('raw route (before)', raw(), (a) => a.status === 200);

    const mobiles = Array.from({ length: N }, (_, i) => `197${String(i).padStart(8, '0')}`);
    await step(
      '1 SMS code',
      mobiles.map((mobile, i) => ({
        method: 'POST',
        path: '/api/v1/m/auth/sms-code',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip(i) },
        body: json({ mobile }),
      })),
      (a) => a.status === 204,
    );
    const texts = await d
      .selectFrom('sms_outbox')
      .select(['to_mobile', 'params_json'])
      .where('template', '=', 'login_code')
      .where('to_mobile', 'in', mobiles)
      .execute();
    const codeOf = new Map(texts.map((t) => [t.to_mobile, (JSON.parse(t.params_json) as { code: string }).code]));

    const logins = await step(
      '2 sign in',
      mobiles.map((mobile, i) => ({
        method: 'POST',
        path: '/api/v1/m/auth/login',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip(i) },
        body: json({ mobile, code: codeOf.get(mobile) ?? '000000' }),
      })),
      (a) => a.status === 200,
    );
    const sessions = logins.map((a) => {
      const c = a.setCookie.find((x) => x.startsWith('huzhu_m='))?.split(';')[0] ?? '';
      const csrf = a.status === 200 ? (JSON.parse(a.body).csrfToken as string) : '';
      return { cookie: c, csrf };
    });
    const auth = (i: number, type?: string) => ({
      cookie: sessions[i]!.cookie,
      'x-csrf-token': sessions[i]!.csrf,
      'x-forwarded-for': ip(i),
      ...(type ? { 'content-type': type } : {}),
    });

    const started = await step(
      '3 real name',
      mobiles.map((_, i) => ({
        method: 'POST',
        path: '/api/v1/m/real-name',
        headers: auth(i, 'application/json'),
        body: json({ name: '压测骑手', idNumber: benchIdNumber(`19${85 + (i % 10)}-0${1 + (i % 9)}-2${i % 8}`) }),
      })),
      (a) => a.status === 200,
    );
    const face = multipart('photo', JPEG);
    await step(
      '4 face',
      started.map((a, i) => ({
        method: 'POST',
        path: `/api/v1/m/real-name/${a.status === 200 ? JSON.parse(a.body).verificationId : 'x'}/face`,
        headers: auth(i, face.type),
        body: face.body,
      })),
      (a) => a.status === 200 && JSON.parse(a.body).status === 'verified',
    );

    const orders = await step(
      '5 order (GIG, WeChat H5)',
      mobiles.map((_, i) => ({
        method: 'POST',
        path: '/api/v1/m/enrolments',
        headers: auth(i, 'application/json'),
        body: json({ productCode: 'GIG' }),
      })),
      (a) => a.status === 201,
    );
    const ids = orders.map((a) => (a.status === 201 ? (JSON.parse(a.body).id as string) : ''));
    const rows = await d
      .selectFrom('gig_enrolment')
      .select(['id', 'out_trade_no', 'member_id'])
      .where('id', 'in', ids.filter(Boolean))
      .execute();
    for (const r of rows) fake.pay(r.out_trade_no);
    // WeChat Pay's callback for every order, delivered twice — both copies at once.
    const notices = rows.map((r) => fake.notification(r.out_trade_no));
    await step(
      '6 payment callback ×2',
      notices.flatMap((n) => {
        const one: BurstRequest = {
          method: 'POST',
          path: '/api/v1/payments/wechat/notify',
          headers: n.headers,
          body: Buffer.from(n.body).toString('base64'),
        };
        return [one, one];
      }),
      (a) => a.status === 204 || a.status === 200,
    );
    await step(
      '7 order status',
      ids.map((id, i) => ({ method: 'GET', path: `/api/v1/m/enrolments/${id}`, headers: auth(i) })),
      (a) => a.status === 200 && JSON.parse(a.body).status === 'effective',
    );
    await step('raw route (after)', raw(), (a) => a.status === 200);

    const memberIds = rows.map((r) => r.member_id);
    const n = async (q: Promise<{ n: number | string }>) => Number((await q).n);
    const policies = await n(
      d
        .selectFrom('policy')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('member_id', 'in', memberIds)
        .executeTakeFirstOrThrow(),
    );
    const payments = await n(
      d
        .selectFrom('gig_payment')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('enrolment_id', 'in', ids)
        .executeTakeFirstOrThrow(),
    );
    const audits = await n(
      d
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('action', '=', 'gig_enrolment.pay')
        .where('object_id', 'in', ids)
        .executeTakeFirstOrThrow(),
    );
    const effective = await n(
      d
        .selectFrom('gig_enrolment')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('id', 'in', ids)
        .where('status', '=', 'effective')
        .executeTakeFirstOrThrow(),
    );
    const doubleActivations = policies - effective + (payments - effective) + (audits - effective);
    const ok = errors === 0 && effective === N && policies === N && payments === N && audits === N;
    const rawP99 = Math.max(steps['raw route (before)']!.p99, steps['raw route (after)']!.p99);
    print({
      check: ok ? 'ok' : 'FAILED',
      errors,
      effective,
      policies,
      payments,
      payAudits: audits,
      doubleActivations,
      p99: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, v.p99])),
      p99VsRaw: Object.fromEntries(
        Object.entries(steps)
          .filter(([k]) => !k.startsWith('raw'))
          .map(([k, v]) => [k, Math.round((v.p99 / rawP99) * 10) / 10]),
      ),
    });
    if (!ok) process.exitCode = 1;
  } finally {
    await env.close();
    await fake.stop();
  }
}

await main();
