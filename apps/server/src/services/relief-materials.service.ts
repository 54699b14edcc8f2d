import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { FileStorage, StagedFile } from '../adapters/file-storage.ts';
import { sniffMaterialType } from '../adapters/file-type.ts';
import type { ServiceDeps } from './service-deps.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { claimRepository } from '../repositories/claim.repository.ts';
import { reliefRepository as repo } from '../repositories/relief.repository.ts';

/** Materials may be added while the application waits for its review (and again after it is returned). */
const OPEN_FOR_MATERIALS = ['proposed', 'applied', 'returned'];
/** Claims take materials until they are accepted (as in the claims' own upload). */
const CLAIM_OPEN = ['submitted', 'prechecked', 'returned'];

const cleanName = (name: string) => path.basename(name.replaceAll('\\', '/')).slice(0, 200) || 'upload';

/**
 * A relief application's materials (at most 3, slots 1–3). One upload serves the one-stop filing: the same stored
 * file (content-addressed) goes into the same slot of every claim filed with the application that still takes
 * materials, so the applicant uploads each paper once (慰问+理赔 一站式).
 */
export function createReliefMaterialsService(
  { db, clock, audit }: Pick<ServiceDeps, 'db' | 'clock' | 'audit'>,
  storage: FileStorage,
) {
  async function openRelief(actor: Actor, reliefId: string) {
    const r = await repo.findInScope(db, scopeOf(actor), reliefId);
    if (!r) throw new AppError('NOT_FOUND');
    if (!OPEN_FOR_MATERIALS.includes(r.status))
      throw new AppError('INVALID_TRANSITION', { from: r.status, command: 'upload_material' });
    return r;
  }
  return {
    async checkUpload(actor: Actor, reliefId: string) {
      requirePermission(actor, 'relief.create');
      await openRelief(actor, reliefId);
    },
    stage: (content: Readable) => storage.stage(content),

    async attach(actor: Actor, reliefId: string, slotText: string | undefined, staged: StagedFile, fileName: string) {
      requirePermission(actor, 'relief.create');
      try {
        if (!/^[123]$/.test(slotText ?? ''))
          throw new AppError('VALIDATION_FAILED', { field: 'slot', message: '材料栏位应为 1、2 或 3' });
        const slot = Number(slotText);
        const mime = sniffMaterialType(staged.head);
        if (!mime)
          throw new AppError(
            'FILE_TYPE_NOT_ALLOWED',
            { allowed: ['jpeg', 'png', 'pdf'] },
            '只接受 JPEG、PNG 图片或 PDF 文件',
          );
        const relief = await openRelief(actor, reliefId);
        await staged.commit();
        const now = clock.iso();
        const row = {
          storage_key: staged.key,
          mime_type: mime,
          size_bytes: staged.size,
          original_name: cleanName(fileName),
          uploaded_by: actor.id,
          uploaded_at: now,
        };
        const copiedTo: string[] = [];
        await db.transaction().execute(async (trx) => {
          const existing = (await repo.materials(trx, relief.office_id, reliefId)).find((m) => m.slot === slot);
          if (existing) await trx.updateTable('relief_material').set(row).where('id', '=', existing.id).execute();
          else
            await trx
              .insertInto('relief_material')
              .values({ id: newId(), office_id: relief.office_id, relief_id: reliefId, slot, ...row })
              .execute();
          const links = await repo.linkedClaims(trx, relief.office_id, [reliefId]);
          for (const l of links) {
            if (!CLAIM_OPEN.includes(l.status)) continue;
            const had = (await claimRepository.materials(trx, relief.office_id, l.id)).find((m) => m.slot === slot);
            if (had) await trx.updateTable('claim_material').set(row).where('id', '=', had.id).execute();
            else
              await trx
                .insertInto('claim_material')
                .values({ id: newId(), office_id: relief.office_id, claim_id: l.id, slot, ...row })
                .execute();
            await audit.record(trx, actor, {
              action: 'claim.material',
              objectType: 'claim',
              objectId: l.id,
              after: { slot, sha256: staged.key, mimeType: mime, sizeBytes: staged.size, fromRelief: reliefId },
            });
            copiedTo.push(l.id);
          }
          await audit.record(trx, actor, {
            action: 'relief.material',
            objectType: 'relief_application',
            objectId: reliefId,
            after: { slot, sha256: staged.key, mimeType: mime, sizeBytes: staged.size, claimIds: copiedTo },
          });
        });
        return {
          slot,
          mimeType: mime,
          sizeBytes: staged.size,
          originalName: row.original_name,
          uploadedAt: now,
          claimIds: copiedTo,
        };
      } finally {
        await staged.discard();
      }
    },

    async list(actor: Actor, reliefId: string) {
      requirePermission(actor, 'relief.read');
      const r = await repo.findInScope(db, scopeOf(actor), reliefId);
      if (!r) throw new AppError('NOT_FOUND');
      return (await repo.materials(db, r.office_id, reliefId)).map((m) => ({
        id: m.id,
        slot: m.slot,
        mimeType: m.mime_type,
        sizeBytes: m.size_bytes,
        originalName: m.original_name,
        uploadedAt: m.uploaded_at,
      }));
    },
  };
}
