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
import { toMaterial } from './claim-query.service.ts';
import { requireClaim } from './claim-transition.service.ts';

export const MATERIAL_MAX_BYTES = 10 * 1024 * 1024;
/** Materials may be added or replaced until the claim is accepted (and again after it is returned). */
const OPEN_FOR_MATERIALS = ['submitted', 'prechecked', 'returned'];

const cleanName = (name: string) => path.basename(name.replaceAll('\\', '/')).slice(0, 200) || 'upload';

export function createClaimMaterialsService({ db, clock, audit }: ServiceDeps, storage: FileStorage) {
  async function openClaim(actor: Actor, claimId: string) {
    const claim = await requireClaim(db, scopeOf(actor), claimId);
    if (!OPEN_FOR_MATERIALS.includes(claim.status))
      throw new AppError('INVALID_TRANSITION', { from: claim.status, command: 'upload_material' });
    return claim;
  }

  return {
    /** Checked before the upload is read, so a caller out of scope cannot make the server store anything. */
    async checkUpload(actor: Actor, claimId: string) {
      requirePermission(actor, 'claim.create');
      await openClaim(actor, claimId);
    },

    stage: (content: Readable) => storage.stage(content),

    /** Puts a staged upload into a slot (1–3), replacing what the slot held. The staged file is always settled. */
    async attach(actor: Actor, claimId: string, slotText: string | undefined, staged: StagedFile, fileName: string) {
      requirePermission(actor, 'claim.create');
      try {
        const slot = Number(slotText);
        if (!/^[123]$/.test(slotText ?? ''))
          throw new AppError('VALIDATION_FAILED', { field: 'slot', message: '材料栏位应为 1、2 或 3' });
        const mime = sniffMaterialType(staged.head);
        if (!mime)
          throw new AppError(
            'FILE_TYPE_NOT_ALLOWED',
            { allowed: ['jpeg', 'png', 'pdf'] },
            '只接受 JPEG、PNG 图片或 PDF 文件',
          );
        const claim = await openClaim(actor, claimId);
        // The bytes are in place before any row points at them; an unreferenced file is harmless, a dangling row is not.
        await staged.commit();
        const now = clock.iso();
        const id = newId();
        await db.transaction().execute(async (trx) => {
          // Again inside the transaction: an acceptance that landed meanwhile closes the claim to new materials.
          const current = await requireClaim(trx, scopeOf(actor), claimId);
          if (!OPEN_FOR_MATERIALS.includes(current.status))
            throw new AppError('INVALID_TRANSITION', { from: current.status, command: 'upload_material' });
          const existing = (await claimRepository.materials(trx, claim.office_id, claimId)).find(
            (m) => m.slot === slot,
          );
          const row = {
            storage_key: staged.key,
            mime_type: mime,
            size_bytes: staged.size,
            original_name: cleanName(fileName),
            uploaded_by: actor.id,
            uploaded_at: now,
          };
          if (existing) await trx.updateTable('claim_material').set(row).where('id', '=', existing.id).execute();
          else
            await trx
              .insertInto('claim_material')
              .values({ id, office_id: claim.office_id, claim_id: claimId, slot, ...row })
              .execute();
          await audit.record(trx, actor, {
            action: 'claim.material',
            objectType: 'claim',
            objectId: claimId,
            before: existing ? { slot, sha256: existing.storage_key } : undefined,
            after: { slot, sha256: staged.key, mimeType: mime, sizeBytes: staged.size },
          });
        });
        const stored = (await claimRepository.materials(db, claim.office_id, claimId)).find((m) => m.slot === slot);
        if (!stored) throw new AppError('CONFLICT');
        return toMaterial(stored);
      } finally {
        await staged.discard();
      }
    },

    /** A material's bytes for those who may see the claim; each view of medical papers is on record. */
    async open(actor: Actor, claimId: string, materialId: string) {
      requirePermission(actor, 'claim.read');
      const claim = await requireClaim(db, scopeOf(actor), claimId);
      const material = await claimRepository.material(db, claim.office_id, claimId, materialId);
      if (!material) throw new AppError('NOT_FOUND');
      const stream = await storage.open(material.storage_key);
      await audit.record(db, actor, {
        action: 'claim.material_view',
        objectType: 'claim',
        objectId: claimId,
        after: { materialId, slot: material.slot },
      });
      return { material: toMaterial(material), stream };
    },
  };
}
