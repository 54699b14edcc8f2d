import type { ChannelKind } from '@huzhu/core';
import type { Db } from '../db/tables.ts';

/**
 * The channel report's funnel (api.md `GET /reports/channels`), per channel, for a period given as instants
 * [fromIso, toIso): accounts registered and real-name verified through the channel, orders made, orders paid (gifts
 * apart), gifts granted, fees paid. Two grouped reads (accounts, orders) over the channel's indexes; the per-agency
 * and per-kind views add these rows up.
 */
export const channelReportRepository = {
  async figures(
    db: Db,
    officeId: string,
    f: { agencyId: string | null; kind?: ChannelKind; fromIso: string; toIso: string },
  ) {
    let channels = db
      .selectFrom('channel')
      .leftJoin('agency', 'agency.id', 'channel.agency_id')
      .select(['channel.id', 'channel.name', 'channel.kind', 'channel.agency_id', 'agency.name as agency_name'])
      .where('channel.office_id', '=', officeId);
    if (f.agencyId) channels = channels.where('channel.agency_id', '=', f.agencyId);
    if (f.kind) channels = channels.where('channel.kind', '=', f.kind);
    const rows = await channels.orderBy('channel.created_at').orderBy('channel.id').execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const accounts = await db
      .selectFrom('member_account')
      .select(['channel_id'])
      .select((eb) => [
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('created_at', '>=', f.fromIso), eb('created_at', '<', f.toIso)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('registrations'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('verified_at', '>=', f.fromIso), eb('verified_at', '<', f.toIso)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('verified'),
      ])
      .where('office_id', '=', officeId)
      .where('channel_id', 'in', ids)
      .groupBy('channel_id')
      .execute();
    const orders = await db
      .selectFrom('gig_enrolment')
      .select(['channel_id'])
      .select((eb) => {
        const paidIn = eb.and([
          eb('paid_at', '>=', f.fromIso),
          eb('paid_at', '<', f.toIso),
          eb('status', '=', 'effective'),
          eb('gift_campaign_id', 'is', null),
        ]);
        const giftIn = eb.and([
          eb('created_at', '>=', f.fromIso),
          eb('created_at', '<', f.toIso),
          eb('status', '=', 'effective'),
          eb('gift_campaign_id', 'is not', null),
        ]);
        return [
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(
                  eb.and([
                    eb('created_at', '>=', f.fromIso),
                    eb('created_at', '<', f.toIso),
                    eb('gift_campaign_id', 'is', null),
                  ]),
                )
                .then(1)
                .else(0)
                .end(),
            )
            .as('enrolments'),
          eb.fn.sum<number>(eb.case().when(paidIn).then(1).else(0).end()).as('paid'),
          eb.fn.sum<number>(eb.case().when(giftIn).then(1).else(0).end()).as('gifts'),
          eb.fn.sum<number>(eb.case().when(paidIn).then(eb.ref('fee_fen')).else(0).end()).as('fee_fen'),
        ];
      })
      .where('office_id', '=', officeId)
      .where('channel_id', 'in', ids)
      .groupBy('channel_id')
      .execute();
    const acc = new Map(accounts.map((a) => [a.channel_id, a]));
    const ord = new Map(orders.map((o) => [o.channel_id, o]));
    return rows.map((r) => ({
      channelId: r.id,
      name: r.name,
      kind: r.kind,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      registrations: Number(acc.get(r.id)?.registrations ?? 0),
      verified: Number(acc.get(r.id)?.verified ?? 0),
      enrolments: Number(ord.get(r.id)?.enrolments ?? 0),
      paid: Number(ord.get(r.id)?.paid ?? 0),
      gifts: Number(ord.get(r.id)?.gifts ?? 0),
      feeFen: Number(ord.get(r.id)?.fee_fen ?? 0),
    }));
  },
};
