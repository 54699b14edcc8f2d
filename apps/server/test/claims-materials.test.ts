import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalFileStorage } from '../src/adapters/file-storage.ts';
import {
  buildClaimsWorld,
  type ClaimsWorld,
  expectOk,
  files,
  inpatientClaim,
  uploadMaterial,
  uploadSlots,
} from './helpers/claims-factory.ts';
import { createTestContext, type TestContext } from './helpers/test-context.ts';
import { multipartBody } from './helpers/upload.ts';

let ctx: TestContext;
let w: ClaimsWorld;
let claimId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildClaimsWorld(ctx);
  claimId = expectOk(await w.callers.unit.post('/api/v1/claims', inpatientClaim(w.member.id)), 201).id;
});
afterAll(() => ctx.close());

const materialRows = (id: string) =>
  ctx.handle.db.selectFrom('claim_material').selectAll().where('claim_id', '=', id).orderBy('slot').execute();
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('uploading materials', () => {
  it('sniffs the type from the content: a PNG named .pdf is stored as a PNG, in a content-addressed file', async () => {
    const res = await uploadMaterial(w.callers.unit, claimId, 1, files.png, '身份证.pdf');
    const material = expectOk(res, 201);
    expect(material).toMatchObject({
      slot: 1,
      mimeType: 'image/png',
      sizeBytes: files.png.length,
      originalName: '身份证.pdf',
    });
    const key = sha256(files.png);
    const [row] = await materialRows(claimId);
    expect(row!.storage_key).toBe(key);
    const stored = path.join(ctx.deps.config.dataDir, 'files', key.slice(0, 2), key.slice(2, 4), key);
    expect(fs.readFileSync(stored).equals(files.png)).toBe(true);
  });

  it.each([
    ['a Windows program named .jpg', files.exe, 'photo.jpg'],
    ['plain text named .pdf', Buffer.from('just some text'), 'proof.pdf'],
    ['an empty file', Buffer.alloc(0), 'empty.png'],
  ])('refuses %s with 400 FILE_TYPE_NOT_ALLOWED and stores nothing', async (_name, content, name) => {
    const before = await materialRows(claimId);
    const res = await uploadMaterial(w.callers.unit, claimId, 2, content, name);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await materialRows(claimId)).toEqual(before);
    const key = sha256(content);
    expect(fs.existsSync(path.join(ctx.deps.config.dataDir, 'files', key.slice(0, 2), key.slice(2, 4), key))).toBe(
      false,
    );
  });

  it('refuses a file over 10 MB with 413, leaving nothing behind', async () => {
    const big = Buffer.concat([files.jpeg, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await uploadMaterial(w.callers.unit, claimId, 2, big, 'big.jpg');
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect((await materialRows(claimId)).map((m) => m.slot)).toEqual([1]);
    const staging = path.join(ctx.deps.config.dataDir, 'files', 'tmp');
    expect(fs.existsSync(staging) ? fs.readdirSync(staging) : []).toEqual([]);
  });

  it.each(['0', '4', 'x', ''])('refuses slot %j', async (slot) => {
    const res = await uploadMaterial(w.callers.unit, claimId, slot, files.jpeg);
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toMatchObject({ field: 'slot' });
  });

  it('refuses a request without a file', async () => {
    const body = multipartBody(null, { slot: '2' });
    const res = await w.callers.unit.inject({
      method: 'POST',
      url: `/api/v1/claims/${claimId}/materials`,
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode).toBe(400);
  });

  it('replaces a slot before acceptance (one material per slot, the change audited)', async () => {
    const replaced = expectOk(await uploadMaterial(w.callers.unit, claimId, 1, files.pdf, '身份证及银行卡.pdf'), 201);
    expect(replaced).toMatchObject({ slot: 1, mimeType: 'application/pdf' });
    const rows = await materialRows(claimId);
    expect(rows.map((r) => [r.slot, r.storage_key])).toEqual([[1, sha256(files.pdf)]]);
    const claim = expectOk(await w.callers.unit.get(`/api/v1/claims/${claimId}`));
    const uploads = claim.history.filter((h: { action: string }) => h.action === 'claim.material');
    expect(uploads.at(-1)).toMatchObject({ before: { slot: 1, sha256: sha256(files.png) }, after: { slot: 1 } });
  });

  it('streams a material back to those in scope, byte for byte, and records the view', async () => {
    const [row] = await materialRows(claimId);
    for (const agent of [w.callers.unit, w.callers.agency, w.callers.reviewer]) {
      const res = await agent.get(`/api/v1/claims/${claimId}/materials/${row!.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.equals(files.pdf)).toBe(true);
    }
    const views = await ctx.handle.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('object_id', '=', claimId)
      .where('action', '=', 'claim.material_view')
      .execute();
    expect(views).toHaveLength(3);
    expect((await w.callers.unit.get(`/api/v1/claims/${claimId}/materials/nope`)).statusCode).toBe(404);
  });

  it('refuses new materials once the claim is accepted (409)', async () => {
    await uploadSlots(w.callers.unit, claimId, [2, 3]);
    expectOk(await w.callers.agency.post(`/api/v1/claims/${claimId}/accept`));
    const res = await uploadMaterial(w.callers.unit, claimId, 3, files.jpeg);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_TRANSITION');
  });
});

describe('local file storage', () => {
  it('stores the same content once, under its sha256, and discards a staged file without a trace', async () => {
    const root = fs.mkdtempSync(path.join(ctx.deps.config.dataDir, 'store-'));
    const storage = createLocalFileStorage(root);
    const { Readable } = await import('node:stream');
    const a = await storage.stage(Readable.from([files.jpeg]));
    const b = await storage.stage(Readable.from([files.jpeg]));
    expect(a.key).toBe(sha256(files.jpeg));
    expect(a.head.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    await a.commit();
    await b.commit();
    expect(await storage.exists(a.key)).toBe(true);
    const c = await storage.stage(Readable.from([files.exe]));
    await c.discard();
    expect(await storage.exists(c.key)).toBe(false);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
    await expect(storage.open('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
