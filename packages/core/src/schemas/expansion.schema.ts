import { z } from 'zod';
import { defineLifecycle } from '../lifecycle/lifecycle.ts';
import { isoDate, Paging, pageOf } from './common.ts';
import { ReportFormat } from './report.schema.ts';

/**
 * Targeted expansion (精准扩面, issue 13 item 8): an agency picks target units from the not-enrolled list or the
 * units with low shares per member, assigns each to one of its staff, and logs every visit or call with its outcome.
 * The target's status is the last outcome logged; "enrolled" as told by the unit ends the work on it. What the report
 * counts as enrolled or upgraded is read from the coverage itself (the unit's terms), not from what was logged.
 */
export const expansionStatuses = ['assigned', 'interested', 'declined', 'enrolled'] as const;
export type ExpansionStatus = (typeof expansionStatuses)[number];
export const contactOutcomes = ['interested', 'declined', 'enrolled'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];
export const contactMethods = ['visit', 'call'] as const;
export const expansionSources = ['not_enrolled', 'low_shares'] as const;
export type ExpansionSource = (typeof expansionSources)[number];

const open = { interested: 'interested', declined: 'declined', enrolled: 'enrolled' } as const;
export const expansionLifecycle = defineLifecycle<ExpansionStatus, ContactOutcome>({
  name: 'expansion_target',
  states: expansionStatuses,
  transitions: { assigned: open, interested: open, declined: open, enrolled: {} },
});

/** A unit is a low-shares candidate when its members in force hold at most this many shares each on average. */
export const LOW_SHARES_PER_MEMBER = 1;
/** Units one assignment may name. */
export const MAX_TARGETS_PER_ASSIGNMENT = 100;

const id = z.string().min(1).max(64);

export const ExpansionCandidateQuery = Paging.extend({
  source: z.enum(expansionSources),
  agencyId: id.optional(),
  q: z.string().trim().max(50).optional().describe('unit name contains'),
  maxSharesPerMember: z.coerce.number().min(0).max(100).optional().describe('low_shares: the ceiling (default 1)'),
});
export const ExpansionCandidate = z.object({
  unitId: z.string(),
  name: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  category: z.string(),
  headcount: z.number().int(),
  members: z.number().int().describe('members in force today'),
  shares: z.number().int(),
  sharesPerMember: z.number().nullable(),
  products: z.number().int(),
  targetId: z.string().nullable().describe('the target this unit already is, if any'),
});
export type ExpansionCandidate = z.infer<typeof ExpansionCandidate>;
export const ExpansionCandidatePage = pageOf(ExpansionCandidate);

export const AssignTargetsBody = z.object({
  unitIds: z
    .array(id)
    .min(1, { message: '请至少选择一个单位' })
    .max(MAX_TARGETS_PER_ASSIGNMENT, { message: `一次最多分派 ${MAX_TARGETS_PER_ASSIGNMENT} 个单位` }),
  assigneeId: id,
  source: z.enum(expansionSources),
  note: z.string().trim().max(200).optional(),
});
export type AssignTargetsBody = z.infer<typeof AssignTargetsBody>;

export const ContactBody = z
  .object({
    contactedOn: isoDate,
    method: z.enum(contactMethods),
    outcome: z.enum(contactOutcomes),
    reason: z.string().trim().min(2, { message: '至少 2 个字' }).max(200).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.outcome !== 'declined' || !!b.reason, {
    path: ['reason'],
    message: '单位拒绝参加时请填写原因',
  });
export type ContactBody = z.infer<typeof ContactBody>;

export const TargetListQuery = Paging.extend({
  status: z.enum(expansionStatuses).optional(),
  agencyId: id.optional(),
  assigneeId: id.optional(),
  q: z.string().trim().max(50).optional(),
});

export const ExpansionContact = z.object({
  id: z.string(),
  contactedOn: isoDate,
  method: z.enum(contactMethods),
  outcome: z.enum(contactOutcomes),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  userName: z.string().nullable(),
  createdAt: z.string(),
});
export const ExpansionTarget = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  headcount: z.number().int(),
  agencyId: z.string(),
  agencyName: z.string(),
  assigneeId: z.string(),
  assigneeName: z.string(),
  source: z.enum(expansionSources),
  status: z.enum(expansionStatuses),
  baseline: z.object({ members: z.number().int(), shares: z.number().int(), products: z.number().int() }),
  assignedOn: isoDate,
  lastContactOn: isoDate.nullable(),
  contacts: z.number().int(),
  note: z.string().nullable(),
  history: z.array(ExpansionContact).optional(),
});
export type ExpansionTarget = z.infer<typeof ExpansionTarget>;
export const ExpansionTargetPage = pageOf(ExpansionTarget);

export const ExpansionReportQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    campaignId: id.optional().describe("a campaign's period instead of from/to"),
    agencyId: id.optional(),
    format: ReportFormat,
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['from'],
    message: '开始日期不能晚于结束日期',
  });
export const ExpansionRow = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  targeted: z.number().int().describe('units assigned in the period'),
  contacted: z.number().int(),
  contacts: z.number().int().describe('visits and calls logged'),
  interested: z.number().int(),
  declined: z.number().int(),
  reportedEnrolled: z.number().int().describe('last outcome logged: enrolled'),
  enrolled: z.number().int().describe('not enrolled when assigned, enrolled on the report day (coverage)'),
  upgraded: z
    .number()
    .int()
    .describe('enrolled when assigned, more shares per member or more products on the report day'),
  conversionShare: z.number().nullable().describe('(enrolled + upgraded) / targeted'),
});
export type ExpansionRow = z.infer<typeof ExpansionRow>;
export const ExpansionReport = z.object({
  from: isoDate,
  to: isoDate,
  asOf: isoDate,
  agencyId: z.string().nullable(),
  rows: z.array(ExpansionRow),
  total: ExpansionRow,
});
export type ExpansionReport = z.infer<typeof ExpansionReport>;
