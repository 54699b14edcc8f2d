import {
  type ChannelKind,
  type ChannelQueue,
  maskMobile,
  maskName,
  QUEUE_MAX_PEOPLE,
  QUEUE_STUCK_MINUTES,
  type QueuePerson,
  type QueueStep,
  queueSteps,
} from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { channelQueueRepository as repo } from '../repositories/channel-queue.repository.ts';
import { gigRepository } from '../repositories/gig.repository.ts';

type Deps = Pick<ServiceDeps, 'db' | 'clock'>;

const latest = (...xs: (string | null | undefined)[]) =>
  xs
    .filter((x): x is string => !!x)
    .sort()
    .at(-1) ?? '';
const earliest = (...xs: (string | null | undefined)[]) =>
  xs.filter((x): x is string => !!x).reduce<string | null>((a, b) => (a === null || b < a ? b : a), null);

/**
 * The on-site service queue (现场服务, issue 12 item 2): a channel's QR code and the people who came through it today
 * (China date), each at their step — signed in, real-named, ordered, paid (cover from tomorrow), covered (a policy in
 * force today) — and stuck when they have not moved on for QUEUE_STUCK_MINUTES. The channel must be in the clerk's
 * scope (an agency's clerk: their agency's channels; another's → 404). Names and mobiles are masked.
 */
export function createChannelQueueService({ db, clock }: Deps) {
  return {
    async queue(actor: Actor, channelId: string, origin: string): Promise<ChannelQueue> {
      requirePermission(actor, 'channel.manage');
      const scope = scopeOf(actor);
      const c = await gigRepository.channelById(db, scope.officeId, channelId);
      if (!c || (scope.agencyId !== null && c.agency_id !== scope.agencyId)) throw new AppError('NOT_FOUND');
      const today = clock.today();
      const since = new Date(`${today}T00:00:00+08:00`).toISOString();
      const now = clock.now();
      const accounts = await repo.accounts(db, scope.officeId, c.id, since, QUEUE_MAX_PEOPLE);
      const orders = await repo.orders(
        db,
        scope.officeId,
        accounts.map((a) => a.id),
        since,
      );
      const covered = await repo.coveredMembers(
        db,
        scope.officeId,
        accounts.flatMap((a) => (a.member_id ? [a.member_id] : [])),
        today,
      );
      const people: QueuePerson[] = accounts.map((a) => {
        const mine = orders.filter((o) => o.account_id === a.id);
        const effective = mine.find((o) => o.status === 'effective');
        const last = mine.at(-1);
        let step: QueueStep = 'signed_in';
        if (a.member_id) step = 'real_named';
        if (last) step = 'ordered';
        if (effective) step = 'paid';
        if (a.member_id && covered.has(a.member_id)) step = 'covered';
        const lastActivityAt = latest(
          a.created_at,
          a.last_login_at,
          a.verified_at,
          ...mine.flatMap((o) => [o.created_at, o.updated_at, o.paid_at]),
        );
        const firstSeenAt =
          earliest(
            ...[a.created_at, a.last_login_at, a.verified_at, ...mine.map((o) => o.created_at)].filter(
              (x) => x && x >= since,
            ),
          ) ?? lastActivityAt;
        const idleMinutes = Math.max(0, Math.floor((now.getTime() - Date.parse(lastActivityAt)) / 60_000));
        const stuck = step !== 'paid' && step !== 'covered' && idleMinutes >= QUEUE_STUCK_MINUTES;
        return {
          accountId: a.id,
          maskedName: a.name ? maskName(a.name) : null,
          maskedMobile: maskMobile(a.mobile),
          step,
          productCode: (effective ?? last)?.product_code ?? null,
          firstSeenAt,
          lastActivityAt,
          stuck,
          stuckMinutes: stuck ? idleMinutes : 0,
        };
      });
      people.sort((x, y) => (x.firstSeenAt < y.firstSeenAt ? 1 : x.firstSeenAt > y.firstSeenAt ? -1 : 0));
      const byStep = Object.fromEntries(queueSteps.map((s) => [s, 0])) as Record<QueueStep, number>;
      for (const p of people) byStep[p.step] += 1;
      return {
        channel: {
          id: c.id,
          code: c.code,
          url: `${origin}/m/?c=${c.code}`,
          name: c.name,
          kind: c.kind as ChannelKind,
          status: c.status,
          agencyName: c.agency_name,
        },
        date: today,
        generatedAt: now.toISOString(),
        counts: {
          total: people.length,
          stuck: people.filter((p) => p.stuck).length,
          finished: byStep.paid + byStep.covered,
          byStep,
        },
        people,
      };
    },
  };
}
