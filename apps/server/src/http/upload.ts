import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newId } from '../ids.ts';
import { AppError } from '../errors.ts';

export interface Upload {
  file: string;
  fileName: string;
  fields: Record<string, string>;
  cleanup(): void;
}

/**
 * Streams the multipart `file` part to a temporary file (the size limit is enforced while streaming: an oversized
 * upload leaves nothing behind) and collects the text fields, in whatever order the client sent them.
 */
export async function receiveUpload(req: FastifyRequest, tmpDir: string): Promise<Upload> {
  if (!req.isMultipart())
    throw new AppError('VALIDATION_FAILED', { field: 'file', message: '请以 multipart/form-data 上传文件' });
  fs.mkdirSync(tmpDir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: string | null = null;
  let fileName = 'upload';
  const cleanup = () => {
    if (file) fs.rmSync(file, { force: true });
  };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      file = path.join(tmpDir, `${newId()}.upload`);
      fileName = part.filename || 'upload';
      await pipeline(part.file, fs.createWriteStream(file));
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  if (!file) throw new AppError('VALIDATION_FAILED', { field: 'file', message: '缺少上传文件' });
  return { file, fileName, fields, cleanup };
}

export interface ImportUpload extends Upload {
  /** Aborts when the client goes away before the answer (it may go while the upload is still being received). */
  gone: AbortSignal;
}

/**
 * An import's upload (roster, unit registry, payout results): the file as receiveUpload gives it, and a signal that
 * aborts when the client hangs up, so the import stops and stores nothing. `run` gets both; whatever it does, the
 * temp file is removed and the close listener dropped afterwards.
 */
export async function withImportUpload<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  tmpDir: string,
  run: (upload: ImportUpload) => Promise<T>,
): Promise<T> {
  const gone = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) gone.abort();
  };
  reply.raw.once('close', onClose);
  let upload: Upload;
  try {
    upload = await receiveUpload(req, tmpDir);
  } catch (e) {
    reply.raw.off('close', onClose);
    throw e;
  }
  if (reply.raw.destroyed || req.raw.socket?.destroyed) gone.abort();
  try {
    return await run({ ...upload, gone: gone.signal });
  } finally {
    reply.raw.off('close', onClose);
    upload.cleanup();
  }
}

/**
 * Upload temp files left behind by a process that stopped mid-request (kill -9, a crash) are removed at start. Only
 * files older than `olderThanMs` (the import time limit): another instance sharing the folder may be mid-upload.
 * Returns how many were removed.
 */
export function removeOrphanUploads(tmpDir: string, olderThanMs: number, now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmpDir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.endsWith('.upload')) continue;
    const file = path.join(tmpDir, name);
    try {
      if (now - fs.statSync(file).mtimeMs < olderThanMs) continue;
      fs.rmSync(file, { force: true });
      removed += 1;
    } catch {
      // Gone already (another instance cleaned it).
    }
  }
  return removed;
}
