import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maskIdNumber, parseIdNumber, type Role, idCheckChar, creditCodeCheckChar } from '@huzhu/core';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp, type BuiltApp } from '../../src/app.ts';
import { fixedOr } from '../../src/clock.ts';
import { type AppConfig, loadConfig } from '../../src/config.ts';
import { type DbHandle, openDatabase } from '../../src/db/dialect.ts';
import type { AgencyRow, MemberRow, UnitRow, UserRow } from '../../src/db/tables.ts';
import { newId } from '../../src/ids.ts';
import { seedCatalogue } from '../../src/services/product.service.ts';
import { createPiiCipher } from '../../src/security/pii-cipher.ts';
import { hashPassword } from '../../src/security/passwords.ts';

/** Which database the integration suite runs on: PostgreSQL when HUZHU_TEST_PG is a postgres:// URL. */
export const testPgUrl = process.env.HUZHU_TEST_PG;
export const dbKindUnderTest = testPgUrl ? 'postgres' : 'sqlite';

export const TEST_PASSWORD = 'Passw0rd!test';
let passwordHash: Promise<string> | undefined;

export interface Agent {
  user: UserRow;
  csrf: string;
  cookie: string;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

let seq = 0;
/** A valid, unique resident ID number: Chongqing region, born on `birthDate`, of the given sex. */
export function makeIdNumber(birthDate = '1985-06-15', sex: 'male' | 'female' = 'male', region = '500105'): string {
  seq = (seq + 1) % 500;
  const order = String(seq * 2 + (sex === 'male' ? 1 : 0))
    .padStart(3, '0')
    .slice(-3);
  const first17 = `${region}${birthDate.replaceAll('-', '')}${order}`;
  return first17 + idCheckChar(first17);
}

let creditSeq = 0;
export function makeCreditCode(): string {
  creditSeq += 1;
  const body = `91500105${String(Date.now() % 1e6).padStart(6, '0')}${String(creditSeq).padStart(3, '0')}`.slice(0, 17);
  return body + creditCodeCheckChar(body);
}

export interface TestContext extends BuiltApp {
  handle: DbHandle;
  clock: { set(iso: string): void; now(): Date };
  office: { id: string };
  newOffice(): Promise<{ id: string }>;
  newAgency(o?: Partial<AgencyRow>): Promise<AgencyRow>;
  newUnit(o?: Partial<UnitRow>): Promise<UnitRow>;
  newMember(o?: Partial<MemberRow> & { idNumber?: string }): Promise<MemberRow & { idNumber: string }>;
  newUser(role: Role, o?: Partial<UserRow>): Promise<UserRow>;
  login(user: UserRow): Promise<Agent>;
  /** A user of `role` (with a fresh agency/unit when the role needs one) already signed in. */
  as(role: Role, o?: Partial<UserRow>): Promise<Agent>;
  close(): Promise<void>;
}

export async function createTestContext(
  opts: {
    now?: string;
    config?: Partial<AppConfig>;
    /** A database that outlives the context (a file on SQLite, a named schema on PostgreSQL), for tests that hand
     * it to a real server process; the caller removes it. */
    persistent?: { sqlitePath: string; pgSchema: string };
    /** SQLite: a database file (so the reader runs in worker threads) rather than one in memory. */
    sqliteFile?: boolean;
    /** Budget of every query on the reader, ms. */
    readTimeoutMs?: number;
    /** Budget of every statement on the PostgreSQL write pool, ms (default: the app's, HUZHU_WRITE_TIMEOUT_MS). */
    writeTimeoutMs?: number;
  } = {},
): Promise<TestContext> {
  let now = new Date(opts.now ?? '2026-03-02T02:00:00.000Z');
  const clock = fixedOr(() => now);
  let handle: DbHandle;
  let dropSchema: (() => Promise<void>) | null = null;
  if (testPgUrl) {
    const schema = opts.persistent?.pgSchema ?? `t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testPgUrl });
    await admin.connect();
    await admin.query(`create schema if not exists ${schema}`);
    await admin.end();
    handle = openDatabase({
      databaseUrl: testPgUrl,
      pgSchema: schema,
      poolSize: 4,
      readers: 2,
      readTimeoutMs: opts.readTimeoutMs,
      writeTimeoutMs: opts.writeTimeoutMs ?? loadConfig({} as NodeJS.ProcessEnv).writeTimeoutMs,
    });
    if (!opts.persistent)
      dropSchema = async () => {
        const c = new pg.Client({ connectionString: testPgUrl });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      };
  } else {
    const dir = opts.sqliteFile ? fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-testdb-')) : null;
    if (dir) dropSchema = async () => fs.rmSync(dir, { recursive: true, force: true });
    handle = openDatabase({
      sqlitePath: opts.persistent?.sqlitePath ?? (dir ? path.join(dir, 'huzhu.db') : ':memory:'),
      readers: 2,
      readTimeoutMs: opts.readTimeoutMs,
    });
  }
  const cipher = createPiiCipher(Buffer.alloc(32, 7), Buffer.alloc(32, 9));
  const config = {
    // A data folder of its own, so upload temp files of parallel test files never mix.
    ...loadConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-test-')) } as NodeJS.ProcessEnv),
    logLevel: 'silent',
    consoleDir: undefined,
    mobileDir: undefined,
    ...opts.config,
  };
  const built = await buildApp(config, { handle, cipher, clock, logger: false });
  const db = handle.db;
  const iso = () => now.toISOString();

  async function newOffice() {
    const id = newId();
    await db
      .insertInto('office')
      .values({
        id,
        code: `O${id.slice(-8)}`,
        name: `测试办事处${id.slice(-4)}`,
        region_code: '500000',
        created_at: iso(),
      })
      .execute();
    await seedCatalogue(db, id, iso());
    return { id };
  }
  const office = await newOffice();

  async function newAgency(o: Partial<AgencyRow> = {}) {
    const id = newId();
    const row: AgencyRow = {
      id,
      office_id: office.id,
      code: `A${id.slice(-10)}`,
      name: `测试代办处${id.slice(-4)}`,
      kind: 'district',
      region_code: '500105',
      created_at: iso(),
      ...o,
    };
    await db.insertInto('agency').values(row).execute();
    return row;
  }

  async function newUnit(o: Partial<UnitRow> = {}) {
    const agencyId = o.agency_id ?? (await newAgency({ office_id: o.office_id ?? office.id })).id;
    const id = newId();
    const row: UnitRow = {
      id,
      office_id: office.id,
      agency_id: agencyId,
      name: `测试单位${id.slice(-6)}有限公司`,
      credit_code: makeCreditCode(),
      credit_code_valid: 1,
      category: 'private',
      industry: '制造业',
      headcount: 100,
      female_headcount: 40,
      contact_name: '王芳',
      contact_phone: '13800138000',
      bank_name: null,
      bank_account_enc: null,
      covered_until: null,
      created_at: iso(),
      updated_at: iso(),
      ...o,
    };
    await db.insertInto('unit').values(row).execute();
    return row;
  }

  async function newMember(o: Partial<MemberRow> & { idNumber?: string } = {}) {
    const { idNumber: given, ...rest } = o;
    const idNumber = given ?? makeIdNumber();
    const parsed = parseIdNumber(idNumber, '2026-01-01');
    if (!parsed.ok) throw new Error(`bad test id ${idNumber}`);
    const unitId =
      rest.unit_id === undefined ? (await newUnit({ office_id: rest.office_id ?? office.id })).id : rest.unit_id;
    const row: MemberRow = {
      id: newId(),
      office_id: office.id,
      name: '张三',
      id_number_enc: cipher.encrypt(parsed.value.idNumber),
      id_number_hash: cipher.blindIndex(parsed.value.idNumber),
      id_number_masked: maskIdNumber(parsed.value.idNumber),
      sex: parsed.value.sex,
      birth_date: parsed.value.birthDate,
      mobile: '13912345678',
      employment_kind: 'employee',
      gig_kind: null,
      household: 'urban',
      has_medical_insurance: 1,
      bank_name: null,
      bank_account_enc: null,
      bank_account_last4: null,
      unit_id: unitId,
      created_at: iso(),
      updated_at: iso(),
      ...rest,
    };
    await db.insertInto('member').values(row).execute();
    if (row.unit_id) {
      await db
        .insertInto('member_unit')
        .values({
          id: newId(),
          office_id: row.office_id,
          member_id: row.id,
          unit_id: row.unit_id,
          from_date: '2025-01-01',
          to_date: null,
          created_at: iso(),
        })
        .execute();
    }
    return { ...row, idNumber: parsed.value.idNumber };
  }

  async function newUser(role: Role, o: Partial<UserRow> = {}) {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const id = newId();
    let agencyId = o.agency_id ?? null;
    let unitId = o.unit_id ?? null;
    if (role === 'agency_staff' && !agencyId) agencyId = (await newAgency({ office_id: o.office_id ?? office.id })).id;
    if (role === 'unit_agent' && !unitId) unitId = (await newUnit({ office_id: o.office_id ?? office.id })).id;
    const row: UserRow = {
      id,
      office_id: role === 'national_viewer' ? null : office.id,
      username: `u${id.replaceAll('-', '').slice(-12)}`,
      password_hash: await passwordHash,
      role,
      display_name: `测试${role}`,
      agency_id: agencyId,
      unit_id: unitId,
      member_id: null,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: iso(),
      updated_at: iso(),
      ...o,
    };
    row.agency_id = agencyId;
    row.unit_id = unitId;
    await db.insertInto('app_user').values(row).execute();
    return row;
  }

  let loginSeq = 0;
  async function login(user: UserRow): Promise<Agent> {
    loginSeq += 1;
    // The login rate limit counts per client address: each helper login comes from its own, so a file may sign in
    // many users without tripping it (the limit itself is tested with one fixed address).
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: `10.77.${Math.floor(loginSeq / 250)}.${(loginSeq % 250) + 1}`,
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    const cookieHeader = res.cookies.find((c) => c.name === 'huzhu_sid');
    if (!cookieHeader) throw new Error('no session cookie');
    const cookie = `huzhu_sid=${cookieHeader.value}`;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    const inject = (o: InjectOptions) =>
      built.app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
    return {
      user,
      csrf,
      cookie,
      inject,
      get: (url) => inject({ method: 'GET', url }),
      post: (url, payload) => inject({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
      patch: (url, payload) => inject({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
      del: (url) => inject({ method: 'DELETE', url }),
    };
  }

  return {
    ...built,
    handle,
    clock: {
      set(v: string) {
        now = new Date(v);
      },
      now: () => now,
    },
    office,
    newOffice,
    newAgency,
    newUnit,
    newMember,
    newUser,
    login,
    as: async (role, o) => login(await newUser(role, o)),
    async close() {
      await built.app.close();
      await handle.destroy();
      if (dropSchema) await dropSchema();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
