import { defineLifecycle } from '../lifecycle/lifecycle.ts';
import { addWorkingDays, workingDaysBetween } from '../time/calendar.ts';
import type { IsoDate } from '../time/dates.ts';

/**
 * Complaints and feedback (意见与投诉, product.md §8): filed by a member in the app or by staff on their behalf,
 * about one of the member's own claims, relief applications or policies (参保); assigned to the agency of that
 * object (else the member's unit's agency, else the office); answered within 3 working days of the official
 * calendar. One not answered by its due date is escalated to the office by the scheduled job; either the agency or
 * the office may still answer it. An answer is final (a new complaint is a new row).
 */
export const complaintStatuses = ['open', 'escalated', 'answered'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export type ComplaintCommand = 'answer' | 'escalate';

export const complaintLifecycle = defineLifecycle<ComplaintStatus, ComplaintCommand>({
  name: 'complaint',
  states: complaintStatuses,
  transitions: {
    open: { answer: 'answered', escalate: 'escalated' },
    escalated: { answer: 'answered' },
    answered: {},
  },
});

/** The answer is due this many working days after the day of filing (the filing day itself not counted). */
export const COMPLAINT_ANSWER_WORKING_DAYS = 3;

export const complaintDueDate = (filedOn: IsoDate, workingDays = COMPLAINT_ANSWER_WORKING_DAYS): IsoDate =>
  addWorkingDays(filedOn, workingDays);

/** Answered in time: on or before the due date (a China date). */
export const answeredOnTime = (answeredOn: IsoDate, dueDate: IsoDate): boolean => answeredOn <= dueDate;

/** Working days the answer took (0 when answered on the day of filing). */
export const complaintWorkingDays = (filedOn: IsoDate, answeredOn: IsoDate): number =>
  workingDaysBetween(filedOn, answeredOn);

export const complaintKinds = ['complaint', 'feedback'] as const;
export type ComplaintKind = (typeof complaintKinds)[number];
export const complaintSubjects = ['claim', 'relief', 'policy'] as const;
export type ComplaintSubject = (typeof complaintSubjects)[number];

export const complaintStatusLabels: Record<ComplaintStatus, string> = {
  open: '待答复',
  escalated: '已超期（转办事处）',
  answered: '已答复',
};
export const complaintKindLabels: Record<ComplaintKind, string> = { complaint: '投诉', feedback: '意见建议' };
export const complaintSubjectLabels: Record<ComplaintSubject, string> = {
  claim: '互助金申领',
  relief: '救助慰问',
  policy: '参保',
};
