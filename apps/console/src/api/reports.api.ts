import type {
  Campaign,
  ChannelKind,
  ChannelReport,
  ChannelReportGrouping,
  CampaignCreate,
  CampaignReport,
  ClaimsOps,
  EnrolmentStructure,
  ExpiringPage,
  FundHealth,
  RenewalReport,
  Summary,
  Trends,
} from '@huzhu/core';
import { buildUrl, http, type Query } from './http-client.ts';
import type { Page } from './page.ts';

export interface StructureFilters {
  asOf?: string;
  agencyId?: string;
}
export interface PeriodFilters {
  from?: string;
  to?: string;
  agencyId?: string;
}
export interface FundFilters {
  fromYear?: number;
  toYear?: number;
  agencyId?: string;
}
export interface ChannelReportFilters extends PeriodFilters {
  kind?: ChannelKind;
  groupBy?: ChannelReportGrouping;
}
export interface ExpiringFilters {
  days?: number;
  agencyId?: string;
  page: number;
  pageSize: number;
}

export const reportKeys = {
  summary: (asOf?: string) => ['reports', 'summary', asOf ?? null] as const,
  trends: (f: { from?: string; to?: string }) => ['reports', 'trends', f] as const,
  structure: (f: StructureFilters) => ['reports', 'structure', f] as const,
  claimsOps: (f: PeriodFilters) => ['reports', 'claims-operations', f] as const,
  renewal: (f: PeriodFilters) => ['reports', 'renewal', f] as const,
  expiring: (f: ExpiringFilters) => ['reports', 'expiring', f] as const,
  fund: (f: FundFilters) => ['reports', 'fund-health', f] as const,
  campaigns: ['reports', 'campaigns'] as const,
  campaignPage: (f: { q?: string; page: number; pageSize: number }) => ['reports', 'campaigns', f] as const,
  campaign: (id: string) => ['reports', 'campaign', id] as const,
  channels: (f: ChannelReportFilters) => ['reports', 'channels', f] as const,
};

const campaignPath = (id: string) => `/reports/campaigns/${encodeURIComponent(id)}`;

/**
 * The report endpoints. Each report's workbook is the same GET with `format=xlsx`: the browser downloads it with
 * the session cookie (a GET needs no CSRF token), so the export is exactly what the screen was asked for.
 */
export const reportsApi = {
  summary: (asOf?: string) => http.get<Summary>('/reports/summary', { asOf }),
  trends: (f: { from?: string; to?: string }) => http.get<Trends>('/reports/trends', { ...f }),
  structure: (f: StructureFilters) => http.get<EnrolmentStructure>('/reports/enrolment-structure', { ...f }),
  claimsOps: (f: PeriodFilters) => http.get<ClaimsOps>('/reports/claims-operations', { ...f }),
  renewal: (f: PeriodFilters) => http.get<RenewalReport>('/reports/renewal', { ...f }),
  expiring: (f: ExpiringFilters) => http.get<ExpiringPage>('/reports/renewal/expiring', { ...f }),
  fund: (f: FundFilters) => http.get<FundHealth>('/reports/fund-health', { ...f }),
  campaigns: (f: { q?: string; page: number; pageSize: number }) =>
    http.get<Page<Campaign>>('/reports/campaigns', { ...f }),
  createCampaign: (body: CampaignCreate) => http.post<Campaign>('/reports/campaigns', body),
  campaignReport: (id: string) => http.get<CampaignReport>(`${campaignPath(id)}/report`),
  campaignXlsxUrl: (id: string) => buildUrl(`${campaignPath(id)}/report`, { format: 'xlsx' }),
  channels: (f: ChannelReportFilters) => http.get<ChannelReport>('/reports/channels', { ...f }),
  xlsxUrl: (path: string, query: Query) => buildUrl(path, { ...query, format: 'xlsx' }),
};
