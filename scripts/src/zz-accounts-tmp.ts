import path from 'node:path';
import { hashPassword, openDatabase } from '@huzhu/server';
const dir = process.argv[2]!;
const handle = process.argv[3]
  ? openDatabase({ databaseUrl: process.argv[3] })
  : openDatabase({ sqlitePath: path.join(dir, 'huzhu.db') });
const db = handle.db;
const office = (await db.selectFrom('member').select(['office_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('office_id').orderBy('n', 'desc').executeTakeFirstOrThrow()).office_id;
const jiangbei = await db.selectFrom('agency').select('id').where('office_id', '=', office).where('name', '=', '江北区').executeTakeFirstOrThrow();
const hash = await hashPassword('Bench-pass9');
const now = new Date().toISOString();
for (const [username, role, agency] of [['admin', 'office_admin', null], ['reviewer', 'office_reviewer', null], ['jiangbei', 'agency_staff', jiangbei.id]] as const) {
  await db.deleteFrom('app_user').where('username', '=', username).execute();
  await db.insertInto('app_user').values({ id: crypto.randomUUID(), office_id: office, username, password_hash: hash, role, display_name: username, agency_id: agency, unit_id: null, member_id: null, disabled: 0, failed_logins: 0, locked_until: null, last_login_at: null, created_at: now, updated_at: now }).execute();
}
console.log('accounts for office', office);
await handle.destroy();
