import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestContext } from './test-context.ts';

let ipSeq = 0;
/** A fresh client address per sign-in, so a file may sign in many members without the per-address limit. */
export const nextIp = () => {
  ipSeq += 1;
  return `10.88.${Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 1}`;
};

/** The last login code texted to a number (read from the SMS outbox, as the demo shows it). */
export async function lastCode(ctx: TestContext, mobile: string): Promise<string> {
  const row = await ctx.handle.db
    .selectFrom('sms_outbox')
    .select(['params_json'])
    .where('to_mobile', '=', mobile)
    .where('template', '=', 'login_code')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return (JSON.parse(row.params_json) as { code: string }).code;
}

export interface MemberAgent {
  cookie: string;
  csrf: string;
  login: { member: { accountId: string; realNameVerified: boolean; memberId?: string } };
  inject(o: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function memberLogin(ctx: TestContext, mobile: string): Promise<MemberAgent> {
  const ip = nextIp();
  const sent = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/m/auth/sms-code',
    payload: { mobile },
    remoteAddress: ip,
  });
  if (sent.statusCode !== 204) throw new Error(`sms-code: ${sent.statusCode} ${sent.body}`);
  const code = await lastCode(ctx, mobile);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/m/auth/login',
    payload: { mobile, code },
    remoteAddress: ip,
  });
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((k) => k.name === 'huzhu_m');
  if (!c) throw new Error('no member cookie');
  const cookie = `huzhu_m=${c.value}`;
  const body = res.json();
  const csrf = body.csrfToken as string;
  const inject = (o: InjectOptions) =>
    ctx.app.inject({ remoteAddress: ip, ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
  return {
    cookie,
    csrf,
    login: body,
    inject,
    get: (url) => inject({ method: 'GET', url }),
    post: (url, payload) => inject({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    put: (url, payload) => inject({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
  };
}

/** A multipart body with one file part named `field`. */
export function filePart(field: string, content: Buffer, fields: Record<string, string> = {}, name = 'photo.jpg') {
  const boundary = `----m${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${name}"\r\ncontent-type: image/jpeg\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-face-photo')]);

/** Real name with the demo verifier: name + ID number, then a camera photo. */
export async function verifyRealName(m: MemberAgent, name: string, idNumber: string) {
  const started = await m.post('/api/v1/m/real-name', { name, idNumber });
  if (started.statusCode !== 200) throw new Error(`real-name: ${started.statusCode} ${started.body}`);
  const { verificationId } = started.json();
  const body = filePart('photo', JPEG);
  const face = await m.inject({
    method: 'POST',
    url: `/api/v1/m/real-name/${verificationId}/face`,
    payload: body.payload,
    headers: body.headers,
  });
  if (face.statusCode !== 200) throw new Error(`face: ${face.statusCode} ${face.body}`);
  return face.json() as { status: string; memberId?: string; existingMember?: boolean; reason?: string };
}
