import type { FastifyRequest } from 'fastify';

/**
 * Personal data never reaches a log line (issue 15 item 5). The request log records the URL: query values that
 * name or identify a person are replaced, and anything shaped like a resident ID number, a mobile number or a bank
 * account is masked wherever it appears — in URLs, error messages and every string logged.
 */
const PERSONAL_PARAMS = new Set([
  'idnumber',
  'id_number',
  'q',
  'name',
  'mobile',
  'phone',
  'accountnumber',
  'account',
  'keyword',
  'search',
  'username',
  'password',
]);

// An 18-character or legacy 15-digit ID, an 11-digit mobile, 12–30 digit account numbers; each not inside a
// longer run of digits (ids of ours are UUIDv7 hex with dashes and never match a whole 15+ digit run).
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g;
const LONG_DIGITS = /(?<!\d)\d{12,30}(?!\d)/g;

export function redactText(text: string): string {
  return text.replace(ID_NUMBER, '[id]').replace(MOBILE, '[mobile]').replace(LONG_DIGITS, '[digits]');
}

/** The URL with personal query values replaced; the path is masked the same way as any text. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const path = redactText(at < 0 ? url : url.slice(0, at));
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {}
      if (eq >= 0 && PERSONAL_PARAMS.has(name.toLowerCase())) return `${key}=[redacted]`;
      let value = eq < 0 ? '' : pair.slice(eq + 1);
      try {
        value = encodeURIComponent(redactText(decodeURIComponent(value.replaceAll('+', ' '))));
      } catch {
        value = '[redacted]';
      }
      return eq < 0 ? redactText(key) : `${key}=${value}`;
    })
    .join('&');
  return `${path}?${query}`;
}

/** Deep copy of a logged value with every string redacted (bounded depth: log objects are small). */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  // Errors, requests and replies go to their serializers as they are; only plain objects are copied.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, depth + 1);
  return out;
}

/** Pino options for Fastify's logger: the request serializer, the error serializer and every message redacted. */
export function redactingLoggerOptions() {
  return {
    serializers: {
      req(req: FastifyRequest) {
        return {
          method: req.method,
          url: redactUrl(req.url),
          hostname: req.hostname,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        };
      },
      err(err: Error & { code?: unknown; statusCode?: unknown }) {
        return {
          type: err.constructor?.name ?? 'Error',
          message: redactText(String(err.message ?? '')),
          code: err.code,
          statusCode: err.statusCode,
          stack: redactText(String(err.stack ?? '')),
        };
      },
    },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => redactValue(a)),
        );
      },
    },
  };
}
