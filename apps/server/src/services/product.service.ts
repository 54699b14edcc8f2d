import { demoCatalogue, type ProductParams, type ProductVersion } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { ServiceDeps } from './service-deps.ts';
import type { Db, ProductVersionRow } from '../db/tables.ts';
import { containsText } from '../db/text-match.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';

export interface StoredVersion extends ProductVersion {
  id: string;
  publishedAt: string;
}

const toVersion = (row: ProductVersionRow): StoredVersion => ({
  ...(JSON.parse(row.params_json) as ProductParams),
  id: row.id,
  code: row.code,
  version: row.version,
  publishedAt: row.published_at,
});

// Versions never change once published, so a process-wide cache by id is always correct.
const versionCache = new Map<string, StoredVersion>();

/** Loads one product version by id (of the given office). */
export async function loadVersion(db: Db, officeId: string, id: string): Promise<StoredVersion> {
  const cached = versionCache.get(id);
  if (cached) return cached;
  const row = await db
    .selectFrom('product_version')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { productVersionId: id });
  const v = toVersion(row);
  versionCache.set(id, v);
  return v;
}

/** The current versions of an office's products (a query to narrow further). */
const currentVersions = (db: Db, officeId: string) =>
  db
    .selectFrom('product')
    .innerJoin('product_version', (j) =>
      j
        .onRef('product_version.product_id', '=', 'product.id')
        .onRef('product_version.version', '=', 'product.current_version'),
    )
    .where('product.office_id', '=', officeId);

/** The current version of a product of the office, or 404. */
export async function currentVersion(db: Db, officeId: string, code: string): Promise<StoredVersion> {
  const row = await currentVersions(db, officeId)
    .selectAll('product_version')
    .where('product.code', '=', code)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { field: 'productCode' });
  return toVersion(row);
}

/** Writes the demo catalogue as version 1 of each product of an office (used when an office is created). */
export async function seedCatalogue(db: Db, officeId: string, at: string): Promise<void> {
  for (const p of demoCatalogue) {
    const { code, version, ...params } = p;
    const productId = newId();
    await db
      .insertInto('product')
      .values({ id: productId, office_id: officeId, code, current_version: version, created_at: at })
      .execute();
    await db
      .insertInto('product_version')
      .values({
        id: newId(),
        office_id: officeId,
        product_id: productId,
        code,
        version,
        name: params.name,
        channel: params.channel,
        exclusive_group: params.exclusiveGroup,
        fee_per_share_fen: params.feePerShareFen,
        params_json: JSON.stringify(params),
        published_by: null,
        published_at: at,
      })
      .execute();
  }
}

export function createProductService({ db, clock, audit }: ServiceDeps) {
  return {
    /** Current versions of the office's products; any signed-in caller of an office may read them. */
    async list(actor: Actor, q: { q?: string; page: number; pageSize: number }) {
      const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      if (!actor.officeId) return empty;
      let base = currentVersions(db, actor.officeId);
      const text = q.q;
      if (text)
        base = base.where((eb) =>
          eb.or([
            containsText(eb.ref('product_version.code'), text),
            containsText(eb.ref('product_version.name'), text),
          ]),
        );
      const [rows, count] = await Promise.all([
        base
          .selectAll('product_version')
          .orderBy('product_version.code')
          .orderBy('product_version.id')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toVersion), total: Number(count.n), page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, code: string) {
      if (!actor.officeId) throw new AppError('NOT_FOUND');
      return currentVersion(db, actor.officeId, code);
    },

    async versions(actor: Actor, code: string) {
      if (!actor.officeId) throw new AppError('NOT_FOUND');
      const rows = await db
        .selectFrom('product_version')
        .selectAll()
        .where('office_id', '=', actor.officeId)
        .where('code', '=', code)
        .orderBy('version', 'desc')
        .execute();
      if (rows.length === 0) throw new AppError('NOT_FOUND');
      return rows.map(toVersion);
    },

    /** Publishes a new version; policies already sold keep the version they were sold under. */
    async publish(actor: Actor, code: string, params: ProductParams) {
      requirePermission(actor, 'product.manage');
      const { officeId } = scopeOf(actor);
      return db.transaction().execute(async (trx) => {
        const product = await trx
          .selectFrom('product')
          .selectAll()
          .where('office_id', '=', officeId)
          .where('code', '=', code)
          .executeTakeFirst();
        if (!product) throw new AppError('NOT_FOUND');
        const before = await currentVersion(trx, officeId, code);
        const version = product.current_version + 1;
        const row: ProductVersionRow = {
          id: newId(),
          office_id: officeId,
          product_id: product.id,
          code,
          version,
          name: params.name,
          channel: params.channel,
          exclusive_group: params.exclusiveGroup,
          fee_per_share_fen: params.feePerShareFen,
          params_json: JSON.stringify(params),
          published_by: actor.id,
          published_at: clock.iso(),
        };
        await trx.insertInto('product_version').values(row).execute();
        const res = await trx
          .updateTable('product')
          .set({ current_version: version })
          .where('id', '=', product.id)
          .where('current_version', '=', product.current_version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
        await audit.record(trx, actor, {
          action: 'product.publish',
          objectType: 'product',
          objectId: product.id,
          before: { version: before.version, ...stripIds(before) },
          after: { version, ...params },
        });
        return toVersion(row);
      });
    },
  };
}

const stripIds = ({ id: _id, publishedAt: _p, code: _c, version: _v, ...rest }: StoredVersion) => rest;
