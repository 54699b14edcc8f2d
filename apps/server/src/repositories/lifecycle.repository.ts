import type { Updateable } from 'kysely';
import type { Database, Db } from '../db/tables.ts';

/** Tables whose rows move through a core lifecycle: each has `id` and `status`. */
export type LifecycleTable = {
  [T in keyof Database]: Database[T] extends { id: unknown; status: unknown } ? T : never;
}[keyof Database];

export const lifecycleRepository = {
  /**
   * The conditional update under every lifecycle move: it changes the row only while it still has the status that
   * was read, so of two concurrent moves exactly one wins. Returns whether this one did.
   */
  async transition<T extends LifecycleTable>(
    db: Db,
    table: T,
    id: string,
    from: string,
    to: string,
    patch: Updateable<Database[T]>,
  ): Promise<boolean> {
    // Kysely cannot narrow a generic table name; every LifecycleTable has `id` and `status` columns.
    const t = table as 'claim';
    const res = await db
      .updateTable(t)
      .set({ ...(patch as Updateable<Database['claim']>), status: to as never })
      .where('id', '=', id)
      .where('status', '=', from as never)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
};
