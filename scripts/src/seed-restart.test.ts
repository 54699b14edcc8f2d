import { deferrableIndexes, dropSecondaryIndexes } from '@huzhu/server';
import { describe, expect, it } from 'vitest';
import { isDatabaseEmpty, seedDemo } from './index.ts';
import { cipher, clock, emptyDatabase, PASSWORD } from './testing/empty-database.ts';

describe('seedDemo determinism and restarts', () => {
  async function fingerprint(seed: number) {
    const db = await emptyDatabase();
    try {
      await seedDemo({ handle: db.handle, cipher, clock }, { scale: 'tiny', seed, password: PASSWORD });
      const members = await db.handle.db
        .selectFrom('member')
        .select(['name', 'id_number_hash'])
        .orderBy('id')
        .execute();
      const units = await db.handle.db
        .selectFrom('unit')
        .select(['name', 'credit_code', 'headcount'])
        .orderBy('id')
        .execute();
      return { members, units };
    } finally {
      await db.close();
    }
  }

  it('gives the same names, ID numbers and units for the same seed, and others for another seed', async () => {
    const a = await fingerprint(42);
    const b = await fingerprint(42);
    const c = await fingerprint(43);
    expect(b).toEqual(a);
    expect(c.members.slice(0, 50)).not.toEqual(a.members.slice(0, 50));
  });

  it('refuses a loaded database, and starts over after an interrupted load', async () => {
    const db = await emptyDatabase();
    try {
      const deps = { handle: db.handle, cipher, clock };
      await seedDemo(deps, { scale: 'tiny', password: PASSWORD });
      await expect(seedDemo(deps, { scale: 'tiny', password: PASSWORD })).rejects.toThrow(/不是空的/);

      // As if the process had died mid-load: marker still "loading", secondary indexes set aside.
      const dropped = await dropSecondaryIndexes(db.handle, ['member', 'member_unit']);
      await db.handle.db
        .updateTable('app_meta')
        .set({ value: JSON.stringify({ status: 'loading', scale: 'tiny', seed: 1, deferredIndexes: dropped }) })
        .where('key', '=', 'demo_seed')
        .execute();
      expect(await isDatabaseEmpty(db.handle.db)).toBe(true);

      const again = await seedDemo(deps, { scale: 'tiny', password: PASSWORD });
      expect(again.members).toBe(2_000);
      const n = await db.handle.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(2_000);
      expect((await deferrableIndexes(db.handle, ['member', 'member_unit'])).length).toBe(dropped.length);
      expect(await isDatabaseEmpty(db.handle.db)).toBe(false);
    } finally {
      await db.close();
    }
  });
});
