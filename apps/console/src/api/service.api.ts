import type {
  Complaint,
  ComplaintKind,
  ComplaintStatus,
  ComplaintSubject,
  ExpansionCandidate,
  ExpansionReport,
  ExpansionSource,
  ExpansionStatus,
  ExpansionTarget,
  OutreachEvent,
  OutreachEventKind,
  OutreachReport,
  Training,
} from '@huzhu/core';
import { http } from './http-client.ts';
import type { Page } from './page.ts';

/** Service and outreach: complaints (意见与投诉), trainings and events, targeted expansion (精准扩面). */
export interface ComplaintFilters {
  q?: string;
  status?: ComplaintStatus;
  kind?: ComplaintKind;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (f: ComplaintFilters) => ['complaints', f] as const,
  one: (id: string) => ['complaints', 'one', id] as const,
};

export const complaintsApi = {
  list: (f: ComplaintFilters) => http.get<Page<Complaint>>('/complaints', { ...f }),
  get: (id: string) => http.get<Complaint>(`/complaints/${encodeURIComponent(id)}`),
  file: (body: {
    memberId: string;
    kind: ComplaintKind;
    subjectKind: ComplaintSubject;
    subjectId: string;
    content: string;
    contactNote?: string;
  }) => http.post<Complaint>('/complaints', body),
  answer: (id: string, answer: string) =>
    http.post<Complaint>(`/complaints/${encodeURIComponent(id)}/answer`, { answer }),
};

/** The member's own objects a complaint can be about, for the staff filing form. */
export const complaintSubjectsApi = {
  claims: (memberId: string) =>
    http.get<Page<{ id: string; kind: string; eventDate: string; status: string }>>('/claims', {
      memberId,
      pageSize: 100,
    }),
  relief: (memberId: string) =>
    http.get<Page<{ id: string; number: string; categoryName: string; eventDate: string }>>('/relief', {
      memberId,
      pageSize: 100,
    }),
  policies: (memberId: string) =>
    http.get<Page<{ id: string; productName: string; startDate: string; endDate: string }>>(
      `/members/${encodeURIComponent(memberId)}/policies`,
      { pageSize: 100 },
    ),
};

export interface OutreachFilters {
  year?: number;
  q?: string;
  kind?: OutreachEventKind;
  page: number;
  pageSize: number;
}

export const outreachKeys = {
  all: ['outreach'] as const,
  trainings: (f: OutreachFilters) => ['outreach', 'trainings', f] as const,
  events: (f: OutreachFilters) => ['outreach', 'events', f] as const,
  report: (f: { year?: number; agencyId?: string }) => ['outreach', 'report', f] as const,
};

export const outreachApi = {
  trainings: (f: OutreachFilters) => http.get<Page<Training>>('/trainings', { ...f }),
  events: (f: OutreachFilters) => http.get<Page<OutreachEvent>>('/outreach-events', { ...f }),
  createTraining: (body: Record<string, unknown>) => http.post<Training>('/trainings', body),
  createEvent: (body: Record<string, unknown>) => http.post<OutreachEvent>('/outreach-events', body),
  deleteTraining: (id: string) => http.del<void>(`/trainings/${encodeURIComponent(id)}`),
  deleteEvent: (id: string) => http.del<void>(`/outreach-events/${encodeURIComponent(id)}`),
  report: (f: { year?: number; agencyId?: string }) => http.get<OutreachReport>('/reports/outreach', { ...f }),
};

export const expansionKeys = {
  all: ['expansion'] as const,
  candidates: (f: Record<string, unknown>) => ['expansion', 'candidates', f] as const,
  targets: (f: Record<string, unknown>) => ['expansion', 'targets', f] as const,
  one: (id: string) => ['expansion', 'one', id] as const,
  assignees: ['expansion', 'assignees'] as const,
  report: (f: Record<string, unknown>) => ['expansion', 'report', f] as const,
};

export const expansionApi = {
  candidates: (f: { source: ExpansionSource; q?: string; page: number; pageSize: number }) =>
    http.get<Page<ExpansionCandidate>>('/expansion/candidates', { ...f }),
  targets: (f: { status?: ExpansionStatus; q?: string; assigneeId?: string; page: number; pageSize: number }) =>
    http.get<Page<ExpansionTarget>>('/expansion/targets', { ...f }),
  get: (id: string) => http.get<ExpansionTarget>(`/expansion/targets/${encodeURIComponent(id)}`),
  assignees: () => http.get<{ id: string; name: string; agencyId: string | null }[]>('/expansion/assignees'),
  assign: (body: { unitIds: string[]; assigneeId: string; source: ExpansionSource; note?: string }) =>
    http.post<{ created: number; ids: string[] }>('/expansion/targets', body),
  contact: (id: string, body: Record<string, unknown>) =>
    http.post<ExpansionTarget>(`/expansion/targets/${encodeURIComponent(id)}/contacts`, body),
  report: (f: { from?: string; to?: string; agencyId?: string }) =>
    http.get<ExpansionReport>('/reports/expansion', { ...f }),
};
