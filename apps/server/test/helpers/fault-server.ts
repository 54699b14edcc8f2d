// A real server process over a database a test prepared (the fault-injection suite starts it, lets it crash at a
// fault point, and starts it again). Environment: FAULT_SQLITE or FAULT_PG_URL + FAULT_PG_SCHEMA, DATA_DIR,
// and HUZHU_FAULT for the crash point. Prints "listening <url>" when ready.
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/dialect.ts';
import { createPiiCipher } from '../../src/security/pii-cipher.ts';

const env = process.env;
const handle = env.FAULT_PG_URL
  ? openDatabase({ databaseUrl: env.FAULT_PG_URL, pgSchema: env.FAULT_PG_SCHEMA, poolSize: 4 })
  : openDatabase({ sqlitePath: env.FAULT_SQLITE! });
// The keys the test context encrypts with, so both read the same rows.
const cipher = createPiiCipher(Buffer.alloc(32, 7), Buffer.alloc(32, 9));
const config = {
  ...loadConfig(env),
  logLevel: 'silent',
  consoleDir: undefined,
  mobileDir: undefined,
  jobIntervalMs: 0,
};
const { app } = await buildApp(config, { handle, cipher, logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${address}`);
