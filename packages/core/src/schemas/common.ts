import { z } from 'zod';
import { isValidIsoDate } from '../time/dates.ts';

export const IdParam = z.object({ id: z.string().min(1).max(64) });

export const isoDate = z
  .string()
  .refine(isValidIsoDate, { message: '日期格式应为 YYYY-MM-DD 且为真实日期' })
  .describe('YYYY-MM-DD');

export const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Searches (members, units, claims by name, number, mobile or ID number) count their matches up to this many: `total`
 * is then the cap and `totalCapped` true, shown as "1,000+" — never a count of every row an office holds.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** Search text as typed in a box: trimmed, at most `max` characters (longer is refused, never cut). */
export const searchText = (max: number) => z.string().trim().max(max);

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Query-string booleans: only the words true/false (and 1/0) are accepted, nothing else. */
export const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ErrorBody = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

/**
 * Chinese personal names: 2–30 chars of CJK or Latin letters, with the middle dot of minority names (买买提·艾力)
 * or spaces and full stops of Latin names inside — a name starts and ends with a letter.
 */
export const personName = z
  .string()
  .trim()
  .regex(/^[\p{Script=Han}A-Za-z][\p{Script=Han}·•A-Za-z .]{0,28}[\p{Script=Han}A-Za-z]$/u, {
    message: '姓名为空或含有不允许的字符',
  });

export const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: '手机号应为 11 位中国大陆手机号' });

/** The largest money amount any input may carry: 1e10 fen = ¥100,000,000 (issue 15: no amount near 2^53 fen). */
export const MAX_FEN = 10_000_000_000;

/** A money amount given to the API: whole fen, never negative, at most MAX_FEN. */
export const fenAmount = z
  .number()
  .int({ message: '金额须为整数分' })
  .min(0, { message: '金额不能为负' })
  .max(MAX_FEN, { message: '金额超过上限（1 亿元）' });

/** GET /health: the server and its database are up. */
export const HealthAnswer = z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) });
