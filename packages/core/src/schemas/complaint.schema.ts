import { z } from 'zod';
import { complaintKinds, complaintStatuses, complaintSubjects } from '../outreach/complaint-workflow.ts';
import { isoDate, Paging, pageOf, queryBool } from './common.ts';

/** Complaints and feedback (意见与投诉): bodies, queries and answers of /complaints and /m/complaints. */
const id = z.string().min(1).max(64);
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { message: `至少 ${min} 个字` })
    .max(max, { message: `不超过 ${max} 个字` });

/** What a member files in the app: the object is one of their own. */
export const MemberComplaintBody = z.object({
  kind: z.enum(complaintKinds),
  subjectKind: z.enum(complaintSubjects),
  subjectId: id,
  content: text(5, 1000),
});
export type MemberComplaintBody = z.infer<typeof MemberComplaintBody>;

/** What staff file on a member's behalf (a telephone call, a visit): the member is named. */
export const FileComplaintBody = MemberComplaintBody.extend({
  memberId: id,
  contactNote: text(2, 200).optional().describe('how the member reached us (电话、来访…)'),
});
export type FileComplaintBody = z.infer<typeof FileComplaintBody>;

export const AnswerComplaintBody = z.object({ answer: text(5, 2000) });

export const ComplaintListQuery = Paging.extend({
  status: z.enum(complaintStatuses).optional(),
  kind: z.enum(complaintKinds).optional(),
  agencyId: id.optional(),
  /** Only those past their due date unanswered (open or escalated). */
  overdue: queryBool.optional(),
  q: z.string().trim().max(50).optional().describe('number or member name'),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

export const Complaint = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(complaintKinds),
  status: z.enum(complaintStatuses),
  memberId: z.string(),
  memberName: z.string(),
  subjectKind: z.enum(complaintSubjects),
  subjectId: z.string(),
  subjectLabel: z.string().describe('the linked object as the member knows it (claim number, product…)'),
  agencyId: z.string().nullable().describe('null: assigned to the office'),
  agencyName: z.string().nullable(),
  content: z.string(),
  source: z.enum(['app', 'staff']),
  contactNote: z.string().nullable(),
  filedOn: isoDate,
  filedAt: z.string(),
  dueDate: isoDate,
  overdue: z.boolean().describe('past the due date unanswered, or answered after it'),
  escalatedAt: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredOn: isoDate.nullable(),
  answeredByName: z.string().nullable(),
  answeredOnTime: z.boolean().nullable(),
});
export type Complaint = z.infer<typeof Complaint>;
export const ComplaintPage = pageOf(Complaint);
export type ComplaintPage = z.infer<typeof ComplaintPage>;

/** The complaints part of the claims-operations report: filed in the period, and the open ones now. */
export const ComplaintOpsRow = z.object({
  agencyId: z.string().describe("'' for those assigned to the office"),
  agencyName: z.string(),
  received: z.number().int().describe('filed in the period'),
  answered: z.number().int().describe('of those, answered'),
  answeredOnTime: z.number().int().describe('of those, answered within 3 working days'),
  onTimeShare: z.number().nullable().describe('answeredOnTime / answered; null when none answered'),
  open: z.number().int().describe('unanswered now (open or escalated), whenever filed'),
  overdue: z.number().int().describe('unanswered now and past the due date'),
});
export type ComplaintOpsRow = z.infer<typeof ComplaintOpsRow>;
export const ComplaintOps = z.object({ rows: z.array(ComplaintOpsRow), total: ComplaintOpsRow });
export type ComplaintOps = z.infer<typeof ComplaintOps>;
