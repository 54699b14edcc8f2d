import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest: AES-256-GCM with a random 96-bit nonce per value (`v1.<nonce>.<tag>.<ciphertext>`,
 * base64url), and an HMAC-SHA256 blind index so an exact ID number can be found and de-duplicated
 * without decrypting anything.
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  blindIndex(normalised: string): string;
  /**
   * The keys, to build the same cipher in a worker thread of this process (workers/jobs.ts). They go nowhere else:
   * not to logs, responses or other processes.
   */
  exportKeys(): PiiKeys;
}

export interface PiiKeys {
  dataKey: Uint8Array;
  indexKey: Uint8Array;
}

/** The cipher from exported keys (a structured clone turns the Buffers into plain Uint8Arrays). */
export const piiCipherFromKeys = (keys: PiiKeys) =>
  createPiiCipher(Buffer.from(keys.dataKey), Buffer.from(keys.indexKey));

export function createPiiCipher(dataKey: Buffer, indexKey: Buffer): PiiCipher {
  if (dataKey.length !== 32 || indexKey.length !== 32) throw new Error('PII keys must be 32 bytes');
  // Nonces come from a pool refilled 4 KiB at a time: one system call per 341 values instead of one each
  // (bulk imports encrypt every row). Each nonce is used once; randomness is the same CSPRNG.
  let pool = Buffer.alloc(0);
  let at = 0;
  const nextNonce = () => {
    if (at + 12 > pool.length) {
      pool = crypto.randomBytes(4092);
      at = 0;
    }
    const nonce = Buffer.from(pool.subarray(at, at + 12));
    at += 12;
    return nonce;
  };
  return {
    encrypt(plain) {
      const nonce = nextNonce();
      const cipher = crypto.createCipheriv('aes-256-gcm', dataKey, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        nonce.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    decrypt(sealed) {
      const [v, nonce, tag, body] = sealed.split('.');
      if (v !== 'v1' || !nonce || !tag || body === undefined) throw new Error('unknown ciphertext format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', dataKey, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(normalised) {
      return crypto.createHmac('sha256', indexKey).update(normalised).digest('base64url');
    },
    exportKeys: () => ({ dataKey: Buffer.from(dataKey), indexKey: Buffer.from(indexKey) }),
  };
}

/** Keys from the environment, else from `DATA_DIR/keys.json`, created (mode 600) on first start. */
export function loadKeys(opts: { dataDir: string; dataKey?: string; indexKey?: string }): {
  dataKey: Buffer;
  indexKey: Buffer;
} {
  if (opts.dataKey && opts.indexKey) {
    return {
      dataKey: decodeKey(opts.dataKey, 'HUZHU_DATA_KEY'),
      indexKey: decodeKey(opts.indexKey, 'HUZHU_INDEX_KEY'),
    };
  }
  const file = path.join(opts.dataDir, 'keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const keys = {
      dataKey: crypto.randomBytes(32).toString('base64'),
      indexKey: crypto.randomBytes(32).toString('base64'),
    };
    fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { dataKey: string; indexKey: string };
  return { dataKey: decodeKey(stored.dataKey, file), indexKey: decodeKey(stored.indexKey, file) };
}

function decodeKey(b64: string, where: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error(`${where}: 密钥应为 32 字节的 base64 编码`);
  return key;
}
