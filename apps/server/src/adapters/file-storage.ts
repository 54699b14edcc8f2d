import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';

/**
 * Where uploaded files live. Content-addressed: a file's key is the sha256 of its bytes, so the same photo uploaded
 * twice is stored once and a key can never point at different content. Metadata (who, which claim, which slot) is in
 * the database; this only holds bytes. The local folder is the default; an S3-compatible store implements the same.
 */
export interface FileStorage {
  /**
   * Streams content into a staging area while hashing it. Nothing is visible under the key until `commit`;
   * `discard` drops it (after a refused type or an oversized upload), and is harmless after a commit.
   */
  stage(content: Readable): Promise<StagedFile>;
  /** The stored bytes of a key (404 when absent). */
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
}

export interface StagedFile {
  key: string;
  size: number;
  /** The first bytes, for sniffing the type from the content. */
  head: Buffer;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

const HEAD_BYTES = 64;
const KEY = /^[0-9a-f]{64}$/;

export function createLocalFileStorage(root: string): FileStorage {
  const tmpDir = path.join(root, 'tmp');
  // Two directory levels of the hash keep any one folder small at millions of files.
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new AppError('NOT_FOUND');
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };

  return {
    async stage(content) {
      await fs.promises.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${newId()}.part`);
      const hash = crypto.createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          done(null, chunk);
        },
      });
      try {
        await pipeline(content, tap, fs.createWriteStream(tmp, { flags: 'wx' }));
      } catch (e) {
        await fs.promises.rm(tmp, { force: true });
        throw e;
      }
      const key = hash.digest('hex');
      let settled = false;
      return {
        key,
        size,
        head,
        async commit() {
          if (settled) return;
          settled = true;
          const final = pathOf(key);
          await fs.promises.mkdir(path.dirname(final), { recursive: true });
          // Same key, same bytes: if the file is already there the staged copy is simply dropped.
          if (fs.existsSync(final)) await fs.promises.rm(tmp, { force: true });
          else await fs.promises.rename(tmp, final);
        },
        async discard() {
          if (settled) return;
          settled = true;
          await fs.promises.rm(tmp, { force: true });
        },
      };
    },

    async open(key) {
      const file = pathOf(key);
      try {
        await fs.promises.access(file, fs.constants.R_OK);
      } catch {
        throw new AppError('NOT_FOUND', { reason: 'file' });
      }
      return fs.createReadStream(file);
    },

    async exists(key) {
      try {
        await fs.promises.access(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
  };
}
