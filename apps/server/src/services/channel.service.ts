import { randomInt } from 'node:crypto';
import {
  addDays,
  type ChannelBody,
  channelKindLabels,
  type ChannelReport,
  type ChannelRow,
  type ChannelKind,
  groupChannelFunnel,
} from '@huzhu/core';
import type { z } from 'zod';
import type { ChannelListQuery, ChannelReportQuery } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { agencyIdInScope, reportAgency, reportScope, requirePermission, scopeOf } from '../access/policy.ts';
import { channelPosterPdf } from '../adapters/channel-poster.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { memberAccountRepository } from '../repositories/member-account.repository.ts';
import { channelReportRepository } from '../repositories/channel-report.repository.ts';
import { type ChannelDbRow, gigRepository as repo } from '../repositories/gig.repository.ts';
import type { GiftCampaignService } from './gift-campaign.service.ts';
import { DEFAULT_CHANNEL_PRODUCTS } from './gig-enrolment.service.ts';
import { currentVersion } from './product.service.ts';

type Deps = Pick<ServiceDeps, 'db' | 'reader' | 'clock' | 'audit' | 'config'>;

/** Unambiguous characters for a code read off a poster (no 0/O, 1/I/L). */
const CODE_CHARS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 8 }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('');
const urlOf = (origin: string, code: string) => `${origin}/m/?c=${code}`;
/** China midnight of a date, as an instant (the report's period is in China dates, inclusive). */
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/**
 * QR channels (渠道, product.md §7): the office and agencies make them (a station, an event, a platform, a campaign,
 * an industry union), each with a code, its URL `/m/?c=CODE` and a printable poster. A closed channel's code answers
 * 404; its history (registrations, orders, policies attributed to it) stays.
 */
export function createChannelService({ db, reader, clock, audit, config }: Deps, gifts?: GiftCampaignService) {
  const toRow = (c: ChannelDbRow & { agency_name: string | null }, origin: string): ChannelRow => ({
    id: c.id,
    code: c.code,
    url: urlOf(origin, c.code),
    name: c.name,
    kind: c.kind,
    agencyId: c.agency_id,
    agencyName: c.agency_name,
    products: JSON.parse(c.products_json),
    status: c.status,
    createdAt: c.created_at,
  });

  async function inScope(actor: Actor, id: string) {
    requirePermission(actor, 'channel.manage');
    const scope = scopeOf(actor);
    const c = await repo.channelById(db, scope.officeId, id);
    if (!c || (scope.agencyId !== null && c.agency_id !== scope.agencyId)) throw new AppError('NOT_FOUND');
    return c;
  }

  return {
    async create(actor: Actor, body: ChannelBody, origin: string) {
      requirePermission(actor, 'channel.manage');
      const scope = scopeOf(actor);
      // Agency staff make channels of their own agency; the office names one (or none: an office-wide channel).
      const agencyId = scope.agencyId ?? body.agencyId ?? null;
      if (body.agencyId && !agencyIdInScope(scope, body.agencyId)) throw new AppError('NOT_FOUND');
      if (agencyId) {
        const a = await db
          .selectFrom('agency')
          .select('id')
          .where('office_id', '=', scope.officeId)
          .where('id', '=', agencyId)
          .executeTakeFirst();
        if (!a) throw new AppError('NOT_FOUND', { agencyId });
      }
      const products = [...new Set(body.products ?? DEFAULT_CHANNEL_PRODUCTS)];
      for (const code of products) {
        const v = await currentVersion(db, scope.officeId, code).catch(() => null);
        if (!v || v.channel === 'unit')
          throw new AppError('VALIDATION_FAILED', { field: 'products', code }, `产品 ${code} 不能通过渠道个人参保`);
      }
      const row = {
        id: newId(),
        office_id: scope.officeId,
        agency_id: agencyId,
        code: newCode(),
        name: body.name,
        kind: body.kind,
        products_json: JSON.stringify(products),
        status: 'open' as const,
        created_by: actor.id,
        created_at: clock.iso(),
        closed_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertChannel(trx, row);
        await audit.record(trx, actor, {
          action: 'channel.create',
          objectType: 'channel',
          objectId: row.id,
          after: { name: row.name, kind: row.kind, code: row.code, agencyId, products },
        });
      });
      return { id: row.id, code: row.code, url: urlOf(origin, row.code) };
    },

    async list(actor: Actor, q: z.infer<typeof ChannelListQuery>, origin: string) {
      requirePermission(actor, 'channel.manage');
      const scope = scopeOf(actor);
      if (q.agencyId && !agencyIdInScope(scope, q.agencyId)) throw new AppError('NOT_FOUND');
      const { items, total } = await repo.listChannels(reader, scope.officeId, {
        agencyId: scope.agencyId ?? q.agencyId ?? null,
        q: q.q,
        kind: q.kind,
        status: q.status,
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: items.map((c) => toRow(c, origin)), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string, origin: string) {
      return toRow(await inScope(actor, id), origin);
    },

    async close(actor: Actor, id: string, origin: string) {
      const c = await inScope(actor, id);
      if (c.status === 'closed') return toRow(c, origin);
      await db.transaction().execute(async (trx) => {
        await repo.closeChannel(trx, c.office_id, id, clock.iso());
        await audit.record(trx, actor, {
          action: 'channel.close',
          objectType: 'channel',
          objectId: id,
          before: { status: 'open' },
          after: { status: 'closed' },
        });
      });
      return toRow(await inScope(actor, id), origin);
    },

    async poster(actor: Actor, id: string, origin: string) {
      const c = await inScope(actor, id);
      const products: string[] = JSON.parse(c.products_json);
      const lines: string[] = [];
      for (const code of products) {
        const v = await currentVersion(db, c.office_id, code).catch(() => null);
        if (v) lines.push(`${v.name}  ¥${(v.feePerShareFen / 100).toFixed(0)}`);
      }
      const title = '职工互助保障 扫码参保';
      const name = `${c.name}（${channelKindLabels[c.kind as ChannelKind]}${c.agency_name ? ` · ${c.agency_name}` : ''}）`;
      return { pdf: channelPosterPdf({ title, name, lines, url: urlOf(origin, c.code) }), code: c.code };
    },

    /** The landing page of a scanned code (anyone): the channel, its products and gifts; closed or unknown → 404. */
    async landing(code: string) {
      const office = await memberAccountRepository.memberOffice(db, config.memberApp.officeCode);
      if (!office) throw new AppError('NOT_FOUND');
      const c = await repo.channelByCode(db, office.id, code);
      if (c?.status !== 'open') throw new AppError('NOT_FOUND', { code });
      const products = [];
      for (const p of JSON.parse(c.products_json) as string[]) {
        const v = await currentVersion(db, c.office_id, p).catch(() => null);
        if (!v || v.channel !== 'individual') continue;
        products.push({
          code: v.code,
          name: v.name,
          feePerShareFen: v.feePerShareFen,
          termLabel: v.term.unit === 'days' ? `${v.term.length} 天` : `${v.term.length} 个月`,
        });
      }
      const giftList = gifts ? await gifts.landingGifts(c.office_id, c.agency_id) : [];
      return { code: c.code, name: c.name, kind: c.kind, agencyName: c.agency_name, products, gifts: giftList };
    },

    /** Registration through a channel: the account remembers the first channel it came by. */
    async attribute(actor: Actor, code: string) {
      if (actor.kind !== 'member' || !actor.officeId) throw new AppError('UNAUTHENTICATED');
      const c = await repo.channelByCode(db, actor.officeId, code);
      if (c?.status !== 'open') throw new AppError('NOT_FOUND', { code });
      await repo.setAccountChannel(db, actor.id, c.id);
      return { channelCode: c.code };
    },

    /**
     * `GET /reports/channels`: per channel, registrations → verified → orders → paid, gifts and fees, for a period
     * (China dates, inclusive; default the year so far), optionally one kind of channel only, added up per channel,
     * agency or kind with the total (the console's funnel).
     */
    async report(actor: Actor, q: z.infer<typeof ChannelReportQuery>): Promise<ChannelReport> {
      const scope = reportScope(actor);
      const agencyId = reportAgency(scope, q.agencyId);
      const to = q.to ?? clock.today();
      const from = q.from ?? `${to.slice(0, 4)}-01-01`;
      if (to < from) throw new AppError('VALIDATION_FAILED', { field: 'to' }, '结束日期不能早于开始日期');
      const rows = await channelReportRepository.figures(reader, scope.officeId, {
        agencyId,
        ...(q.kind ? { kind: q.kind } : {}),
        fromIso: chinaMidnight(from),
        toIso: chinaMidnight(addDays(to, 1)),
      });
      // Gifts granted through each channel (gift cover campaigns keep their own table).
      if (gifts) {
        const gifted = await gifts.giftsPerChannel(scope.officeId, chinaMidnight(from), chinaMidnight(addDays(to, 1)));
        for (const r of rows) r.gifts = gifted.get(r.channelId) ?? r.gifts;
      }
      const groupBy = q.groupBy ?? 'channel';
      return { from, to, rows, groupBy, ...groupChannelFunnel(rows, groupBy) };
    },
  };
}
