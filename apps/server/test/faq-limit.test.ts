import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMany } from '../src/db/insert-many.ts';
import { newId } from '../src/ids.ts';
import { FAQ_MAX_ENTRIES } from '../src/repositories/faq.repository.ts';
import { type Agent, createTestContext, type TestContext } from './helpers/test-context.ts';

let ctx: TestContext;
let admin: Agent;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('office_admin');
});
afterAll(() => ctx.close());

describe('FAQ: an explicit ceiling, never a list that silently stops', () => {
  it('lists every entry up to the ceiling and refuses the one past it, changing nothing', async () => {
    const existing = (await admin.get('/api/v1/faq')).json();
    const have = Array.isArray(existing) ? existing.length : existing.items.length;
    const now = '2026-03-01T00:00:00.000Z';
    await insertMany(
      ctx.handle.db,
      'faq',
      Array.from({ length: FAQ_MAX_ENTRIES - have }, (_, i) => ({
        id: newId(),
        office_id: ctx.office.id,
        question: `问题${i}`,
        answer: `回答${i}`,
        category: 'other',
        sort_order: i,
        published: 1,
        created_at: now,
        updated_at: now,
      })),
    );
    const full = (await admin.get('/api/v1/faq')).json();
    expect(Array.isArray(full) ? full.length : full.items.length).toBe(FAQ_MAX_ENTRIES);
    const refused = await admin.post('/api/v1/faq', { question: '再加一条', answer: '回答回答', category: 'other' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'FAQ_FULL', message: expect.stringContaining('500') });
    const after = (await admin.get('/api/v1/faq')).json();
    expect(Array.isArray(after) ? after.length : after.items.length).toBe(FAQ_MAX_ENTRIES);
  });
});
