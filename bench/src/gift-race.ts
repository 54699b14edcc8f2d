/**
 * bench/gift-race: N concurrent claims of a gift campaign of B gifts (default 500 claims of 300 gifts) on a fresh
 * `tiny` demo database — exactly B gifts must be granted (and B policies, B audit rows), the rest refused
 * GIFT_EXHAUSTED, nothing else. Beside it, in the same run, the same number of concurrent requests to a raw member
 * route (the same cookie lookup, no work), before and after.
 *
 *   tsx bench/src/gift-race.ts --db sqlite|postgres [--claims 500] [--budget 300] [--pg-url URL]
 *
 * Prints one JSON line per burst and one for the checks; bench/README.md records the figures.
 */
import { parseArgs } from 'node:util';
import { adminSession, burst, clientIp, json, latency, openFreshGigApp, verifiedWorkers } from './fresh-gig-app.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    claims: { type: 'string', default: '500' },
    budget: { type: 'string', default: '300' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const db = values.db === 'postgres' ? 'postgres' : 'sqlite';
const CLAIMS = Number(values.claims);
const BUDGET = Number(values.budget);
const print = (line: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'gift-race', db, ...line }));

async function main() {
  const env = await openFreshGigApp({
    db,
    pgUrl: String(values['pg-url']),
    routes: (app) => app.get('/api/v1/bench/m-raw', { config: { auth: 'member' } }, async () => ({ ok: true })),
  });
  try {
    const admin = await adminSession(env);
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/gift-campaigns',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: {
        name: '压测赠险活动',
        sponsor: '压测出资方',
        budgetCount: BUDGET,
        startDate: '2020-01-01',
        endDate: '2099-12-31',
        eligibility: { employmentKinds: ['gig'] },
      },
    });
    if (created.statusCode !== 201) throw new Error(`campaign: ${created.statusCode} ${created.body}`);
    const campaignId = created.json().id as string;
    const cookies = await verifiedWorkers(env, CLAIMS);
    print({ phase: 'setup', seedMs: Math.round(env.seedMs), workers: cookies.length, budget: BUDGET });

    const raw = () =>
      burst(
        env.port,
        cookies.map((cookie) => ({ method: 'GET', path: '/api/v1/bench/m-raw', headers: { cookie } })),
      );
    const before = await raw();
    print({
      route: 'raw member route (before)',
      requests: before.length,
      errors: before.filter((a) => a.status !== 200).length,
      ...latency(before),
    });

    const t = performance.now();
    const answers = await burst(
      env.port,
      cookies.map((cookie, i) => ({
        method: 'POST',
        path: '/api/v1/m/enrolments',
        headers: {
          cookie,
          'x-csrf-token': 'bench',
          'content-type': 'application/json',
          'x-forwarded-for': clientIp(i),
        },
        body: json({ productCode: 'GIG_GIFT', giftCampaignId: campaignId }),
      })),
    );
    const wallMs = Math.round(performance.now() - t);
    const codes: Record<string, number> = {};
    for (const a of answers) {
      const code =
        a.status === 201
          ? 'GRANTED'
          : (() => {
              try {
                return JSON.parse(a.body).code as string;
              } catch {
                return `HTTP_${a.status}`;
              }
            })();
      codes[code] = (codes[code] ?? 0) + 1;
    }
    print({
      route: 'POST /m/enrolments (gift claim)',
      requests: answers.length,
      wallMs,
      outcomes: codes,
      ...latency(answers),
    });

    const after = await raw();
    print({
      route: 'raw member route (after)',
      requests: after.length,
      errors: after.filter((a) => a.status !== 200).length,
      ...latency(after),
    });

    const d = env.handle.db;
    const n = async (q: Promise<{ n: number | string }>) => Number((await q).n);
    const grants = await n(
      d
        .selectFrom('gift_grant')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .executeTakeFirstOrThrow(),
    );
    const counted = (
      await d.selectFrom('gift_campaign').select('granted_count').where('id', '=', campaignId).executeTakeFirstOrThrow()
    ).granted_count;
    const members = await n(
      d
        .selectFrom('gift_grant')
        .select((e) => e.fn.count<number>('member_id').distinct().as('n'))
        .where('campaign_id', '=', campaignId)
        .executeTakeFirstOrThrow(),
    );
    const policies = await n(
      d
        .selectFrom('policy')
        .innerJoin('gift_grant', 'gift_grant.policy_id', 'policy.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('gift_grant.campaign_id', '=', campaignId)
        .executeTakeFirstOrThrow(),
    );
    const audits = await n(
      d
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('action', '=', 'gift.grant')
        .executeTakeFirstOrThrow(),
    );
    const ok =
      grants === BUDGET &&
      counted === BUDGET &&
      members === BUDGET &&
      policies === BUDGET &&
      audits === BUDGET &&
      codes.GRANTED === BUDGET &&
      codes.GIFT_EXHAUSTED === CLAIMS - BUDGET;
    print({ check: ok ? 'ok' : 'FAILED', grants, grantedCount: counted, distinctMembers: members, policies, audits });
    if (!ok) process.exitCode = 1;
  } finally {
    await env.close();
  }
}

await main();
