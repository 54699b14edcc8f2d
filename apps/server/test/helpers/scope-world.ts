import type { Role } from '@huzhu/core';
import type { Agent, TestContext } from './test-context.ts';

/**
 * A small two-office world for scope tests: office A (the context's office) with agencies A1 and A2, units U1 and
 * U1b under A1 and U2 under A2, one member in each unit and one without a unit; office B with its own agency, unit
 * and member. Every caller is signed in.
 */
export async function buildScopeWorld(ctx: TestContext) {
  const a1 = await ctx.newAgency({ name: '江北区代办处' });
  const a2 = await ctx.newAgency({ name: '万州区代办处' });
  const u1 = await ctx.newUnit({ agency_id: a1.id, name: '江北一厂' });
  const u1b = await ctx.newUnit({ agency_id: a1.id, name: '江北二厂' });
  const u2 = await ctx.newUnit({ agency_id: a2.id, name: '万州一厂' });
  const m1 = await ctx.newMember({ unit_id: u1.id, name: '甲一' });
  const m1b = await ctx.newMember({ unit_id: u1b.id, name: '甲二' });
  const m2 = await ctx.newMember({ unit_id: u2.id, name: '乙一' });
  const mGig = await ctx.newMember({ unit_id: null, name: '丙一', employment_kind: 'gig', gig_kind: 'rider' });

  const officeB = await ctx.newOffice();
  const bAgency = await ctx.newAgency({ office_id: officeB.id, name: '贵阳代办处' });
  const bUnit = await ctx.newUnit({ office_id: officeB.id, agency_id: bAgency.id, name: '贵阳一厂' });
  const bMember = await ctx.newMember({ office_id: officeB.id, unit_id: bUnit.id, name: '丁一' });

  const as = (role: Role, o: Parameters<TestContext['newUser']>[1] = {}) => ctx.as(role, o);
  const callers = {
    admin: await as('office_admin'),
    reviewer: await as('office_reviewer'),
    finance: await as('office_finance'),
    agencyA1: await as('agency_staff', { agency_id: a1.id }),
    agencyA2: await as('agency_staff', { agency_id: a2.id }),
    unitU1: await as('unit_agent', { unit_id: u1.id }),
    unitU2: await as('unit_agent', { unit_id: u2.id }),
    adminB: await as('office_admin', { office_id: officeB.id }),
    agencyB: await as('agency_staff', { office_id: officeB.id, agency_id: bAgency.id }),
    national: await as('national_viewer'),
    member: await as('member', { member_id: m1.id }),
  } satisfies Record<string, Agent>;

  return {
    agencies: { a1, a2, bAgency },
    units: { u1, u1b, u2, bUnit },
    members: { m1, m1b, m2, mGig, bMember },
    officeB,
    callers,
  };
}
export type ScopeWorld = Awaited<ReturnType<typeof buildScopeWorld>>;
export type CallerName = keyof ScopeWorld['callers'];
