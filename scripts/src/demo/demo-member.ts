import { maskMobile } from '@huzhu/core';
import { addDays, type ClaimKind } from '@huzhu/core';
import { type Clock, type Db, fileClaimForMember, newId, seedFaq } from '@huzhu/server';
import { sql } from 'kysely';

/** The demo member's sign-in mobile when the chosen member has none of their own. */
export const DEMO_MEMBER_MOBILE = '13800000001';

export interface DemoMember {
  memberId: string;
  name: string;
  mobile: string;
}

/**
 * The member-app demo (issue 11): a 江北区 member covered by their unit, with a paid claim and, when the history has
 * one, an open claim too — bound to a member account already real-name verified, so signing in with the mobile and
 * the SMS code (shown in the console's 短信记录) shows the cover at once. Also the FAQ of every office.
 */
export async function seedDemoMember(
  db: Db,
  clock: Clock,
  officeIds: string[],
  cqOfficeId: string,
  today: string,
  now: string,
  adminId: string,
) {
  for (const id of officeIds) await seedFaq(db, id, now);
  const inForceUnitPolicy = sql<boolean>`exists (select 1 from policy p where p.office_id = member.office_id and p.member_id = member.id and p.state = 'in_force'
    and p.batch_id is not null and p.start_date <= ${today} and p.end_date >= ${today})`;
  const hasClaim = (statuses: string[]) =>
    sql<boolean>`exists (select 1 from claim c where c.office_id = member.office_id and c.member_id = member.id and c.status in (${sql.join(statuses)}))`;
  const pick = (conds: ReturnType<typeof sql<boolean>>[]) => {
    let q = db
      .selectFrom('member')
      .select(['member.id', 'member.name', 'member.mobile'])
      .where('member.office_id', '=', cqOfficeId)
      .where('member.unit_id', 'is not', null);
    for (const c of conds) q = q.where(c);
    return q.orderBy('member.id').limit(1).executeTakeFirst();
  };
  const open = ['submitted', 'prechecked', 'accepted', 'returned'];
  const chosen =
    (await pick([inForceUnitPolicy, hasClaim(['paid']), hasClaim(open)])) ??
    (await pick([inForceUnitPolicy, hasClaim(['paid'])])) ??
    (await pick([inForceUnitPolicy]));
  if (!chosen) return null;
  // The demo mobile must be one no other account uses; the member keeps their own number if it is free.
  const mobile = DEMO_MEMBER_MOBILE;
  await db.updateTable('member').set({ mobile, updated_at: now }).where('id', '=', chosen.id).execute();
  const accountId = newId();
  await db
    .insertInto('member_account')
    .values({
      id: accountId,
      office_id: cqOfficeId,
      mobile,
      member_id: chosen.id,
      verified_at: now,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .execute();
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      office_id: cqOfficeId,
      actor_id: null,
      actor_name: '演示数据生成器',
      action: 'member_account.bind',
      object_type: 'member_account',
      object_id: accountId,
      before_json: null,
      after_json: JSON.stringify({ memberId: chosen.id, mobile: maskMobile(mobile), via: 'demo' }),
      ip: null,
      created_at: now,
    })
    .execute();
  // An open claim to follow in the app, when the history left none: a recent hospital stay, filed by the office.
  const openNow = await db
    .selectFrom('claim')
    .select('id')
    .where('member_id', '=', chosen.id)
    .where('status', 'in', open)
    .executeTakeFirst();
  if (!openNow) {
    const admission = addDays(today, -12);
    const facts = {
      cause: 'illness' as const,
      eventDate: admission,
      admissionDate: admission,
      dischargeDate: addDays(admission, 6),
      totalExpensesFen: 1_260_000,
      selfPaidFen: 418_000,
      hospital: '重庆市第三人民医院',
      invoiceNumbers: [`DEMO${today.replaceAll('-', '')}01`],
    };
    const kinds: ClaimKind[] = ['inpatient', 'accident_medical', 'critical_illness', 'female_disease'];
    for (const kind of kinds) {
      try {
        await fileClaimForMember(
          { db, clock },
          { id: adminId, name: '演示数据生成器', officeId: cqOfficeId },
          {
            ...facts,
            kind,
            ...(kind === 'accident_medical' ? { cause: 'accident' as const } : {}),
            memberId: chosen.id,
          },
        );
        break;
      } catch {
        // This member's products do not cover the kind; the next one may.
      }
    }
  }
  return { memberId: chosen.id, name: chosen.name, mobile } satisfies DemoMember;
}

/** The demo member-app sign-in, for the start banner: the bound account with the demo mobile, if loaded. */
export async function demoMemberSignIn(db: Db): Promise<{ mobile: string; name: string } | null> {
  const row = await db
    .selectFrom('member_account')
    .innerJoin('member', 'member.id', 'member_account.member_id')
    .select(['member_account.mobile', 'member.name'])
    .where('member_account.mobile', '=', DEMO_MEMBER_MOBILE)
    .executeTakeFirst();
  return row ?? null;
}
