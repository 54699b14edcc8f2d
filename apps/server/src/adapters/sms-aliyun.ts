import { createHmac, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/tables.ts';
import { recordSms, type SmsMessage, type SmsSender } from './sms.ts';
import type { AliyunSmsSettings } from './sms-settings.ts';

/**
 * Alibaba Cloud SMS (Dysmsapi SendSms, API 2017-05-25, RPC style, signature HMAC-SHA1 1.0). Each text is written
 * to the outbox first, then sent in the background; the row ends `sent` with the provider's BizId or `failed` with
 * its code and reason. Nothing here throws for a provider problem: a text is never worth failing the decision
 * that caused it, nor worth making it wait.
 */

/** RFC 3986 encoding as the RPC signature wants it: only A-Z a-z 0-9 - _ . ~ stay as they are (space is %20). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonical query (parameters sorted by name, each name and value encoded) and its signature. */
export function signRpc(params: Record<string, string>, accessKeySecret: string, method = 'GET') {
  // Code-unit order equals byte order here: parameter names are ASCII.
  const query = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] as string)}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(query)}`;
  const signature = createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
  return { query, signature };
}

/** yyyy-MM-ddTHH:mm:ssZ (UTC, no fraction), the only Timestamp form the API accepts. */
const rpcTimestamp = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

interface Outcome {
  ok: boolean;
  code: string;
  ref: string | null;
  reason: string | null;
}

interface SendSmsAnswer {
  Code?: string;
  Message?: string;
  BizId?: string;
  RequestId?: string;
}

export function createAliyunSms(settings: AliyunSmsSettings, db: Db, clock: Clock): SmsSender {
  async function call(outboxId: string, m: SmsMessage): Promise<Outcome> {
    const params: Record<string, string> = {
      AccessKeyId: settings.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      // Our outbox id travels with the text and comes back in delivery reports.
      OutId: outboxId,
      PhoneNumbers: m.to,
      RegionId: 'cn-hangzhou',
      SignName: settings.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: settings.templateCodes[m.template],
      TemplateParam: JSON.stringify(m.params),
      Timestamp: rpcTimestamp(clock.now()),
      Version: '2017-05-25',
    };
    const { query, signature } = signRpc(params, settings.accessKeySecret);
    const url = new URL(settings.endpoint);
    url.search = `Signature=${percentEncode(signature)}&${query}`;
    let status: number;
    let body: string;
    try {
      const res = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      status = res.status;
      body = await res.text();
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      return timedOut
        ? { ok: false, code: 'TIMEOUT', ref: null, reason: `短信平台 ${settings.timeoutMs} 毫秒内未应答` }
        : { ok: false, code: 'NETWORK', ref: null, reason: `无法连接短信平台：${errorText(e)}` };
    }
    let answer: SendSmsAnswer;
    try {
      answer = JSON.parse(body) as SendSmsAnswer;
    } catch {
      return { ok: false, code: `HTTP_${status}`, ref: null, reason: `短信平台返回了无法识别的应答（HTTP ${status}）` };
    }
    if (answer.Code === 'OK' && status >= 200 && status < 300) {
      return { ok: true, code: 'OK', ref: answer.BizId ?? null, reason: null };
    }
    // Refusals (flow control, bad template, wrong signature…) come as a Code other than OK, on 200 or 4xx alike;
    // their RequestId is what Alibaba Cloud support asks for.
    return {
      ok: false,
      code: answer.Code ?? `HTTP_${status}`,
      ref: answer.RequestId ?? null,
      reason: (answer.Message ?? `HTTP ${status}`).slice(0, 500),
    };
  }

  async function deliver(id: string, m: SmsMessage): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await call(id, m);
    } catch (e) {
      outcome = { ok: false, code: 'INTERNAL', ref: null, reason: errorText(e) };
    }
    await db
      .updateTable('sms_outbox')
      .set({
        status: outcome.ok ? 'sent' : 'failed',
        sent_at: outcome.ok ? clock.iso() : null,
        provider_code: outcome.code,
        provider_ref: outcome.ref,
        failure_reason: outcome.reason,
      })
      .where('id', '=', id)
      .execute();
    if (!outcome.ok) console.warn(`短信发送失败 / SMS not sent: ${id} ${outcome.code} ${outcome.reason ?? ''}`);
  }

  // A few requests at a time, off the caller's path: a result file paying 500 claims must not wait 500 round trips
  // (or 500 timeouts while the provider is down) before finance sees its answer.
  const limit = createLimiter(MAX_IN_FLIGHT);
  const inFlight = new Set<Promise<void>>();
  return {
    async send(m) {
      // The row is written before send() returns; a process that stops before the answer leaves it `queued`.
      const id = await recordSms(db, clock, m, 'aliyun');
      const job = limit(() => deliver(id, m))
        .catch((e) => console.error('短信状态未能记录 / SMS status not recorded', id, e))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

const MAX_IN_FLIGHT = 4;

/** Runs at most `max` of the given tasks at once, the rest in call order. */
function createLimiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter, so a newcomer can never slip in between.
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  // fetch wraps the socket error (ECONNREFUSED…) as its cause.
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`.slice(0, 500);
}
