import os from 'node:os';
import path from 'node:path';
import { buildApp, type Db, loadConfig } from '@huzhu/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './index.ts';
import { cipher, clock, emptyDatabase, PASSWORD, pgUrl, TODAY } from './testing/empty-database.ts';

describe(`demo policies and claims through the server (tiny) on ${pgUrl ? 'postgres' : 'sqlite'}`, () => {
  let db: Awaited<ReturnType<typeof emptyDatabase>>;
  let d: Db;
  let cq: string;

  beforeAll(async () => {
    db = await emptyDatabase();
    await seedDemo({ handle: db.handle, cipher, clock }, { scale: 'tiny', seed: 7, password: PASSWORD });
    d = db.handle.db;
    cq = (await d.selectFrom('office').select('id').where('code', '=', 'CQ').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await db.close();
  });

  it('is read and carried on by the server: queue, policies, certificates, payouts and a decision', async () => {
    const config = {
      ...loadConfig({ DATA_DIR: path.join(os.tmpdir(), 'huzhu-seed-test') } as NodeJS.ProcessEnv),
      logLevel: 'silent',
    };
    const { app } = await buildApp(
      { ...config, consoleDir: undefined, mobileDir: undefined },
      { handle: db.handle, cipher, clock, logger: false },
    );
    try {
      const login = async (username: string) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: PASSWORD },
        });
        expect(res.statusCode, res.body).toBe(200);
        const cookie = `huzhu_sid=${res.cookies.find((c) => c.name === 'huzhu_sid')!.value}`;
        const csrf = (res.json() as { csrfToken: string }).csrfToken;
        return {
          get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie } }),
          post: (url: string, payload: object) =>
            app.inject({ method: 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrf } }),
        };
      };
      const reviewer = await login('reviewer');
      const queue = await reviewer.get('/api/v1/claims?status=accepted&pageSize=100');
      expect(queue.statusCode, queue.body).toBe(200);
      const q = queue.json() as { total: number; counts: { overdue: number }; items: { id: string }[] };
      expect(q.counts.overdue).toBeGreaterThan(0);
      const paid = await d.selectFrom('claim').select('id').where('status', '=', 'paid').executeTakeFirstOrThrow();
      expect((await reviewer.get(`/api/v1/claims/${paid.id}`)).statusCode).toBe(200);

      const admin = await login('admin');
      const inForce = (await d.selectFrom('policy').selectAll().where('office_id', '=', cq).execute()).find(
        (p) => p.batch_id && p.start_date <= TODAY && TODAY <= p.end_date,
      )!;
      const mine = await admin.get(`/api/v1/members/${inForce.member_id}/policies`);
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.body).toContain(inForce.id);
      expect((await admin.get(`/api/v1/policies/${inForce.id}/certificate`)).statusCode).toBe(200);
      const enrolled = (await admin.get('/api/v1/units?enrolled=true&pageSize=1')).json() as { total: number };
      const covered = await d
        .selectFrom('unit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('office_id', '=', cq)
        .where('covered_until', '>=', TODAY)
        .executeTakeFirstOrThrow();
      expect(enrolled.total).toBe(Number(covered.n));
      expect((await (await login('finance')).get('/api/v1/payout-batches')).statusCode).toBe(200);

      // An accepted claim without flags is approved for exactly what the engine assessed.
      const open = await d
        .selectFrom('claim')
        .selectAll()
        .where('office_id', '=', cq)
        .where('status', '=', 'accepted')
        .where('assessed_amount_fen', '>', 0)
        .where('flags_json', '=', '[]')
        .executeTakeFirstOrThrow();
      const decided = await reviewer.post(`/api/v1/claims/${open.id}/decision`, { decision: 'approve' });
      expect(decided.statusCode, decided.body).toBe(200);
      const after = await d
        .selectFrom('claim')
        .select(['status', 'approved_amount_fen'])
        .where('id', '=', open.id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ status: 'approved', approved_amount_fen: open.assessed_amount_fen });
    } finally {
      await app.close();
    }
  });
});
