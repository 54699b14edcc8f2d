import { type AgencyKind, type CreateUnitBody, staffEndpoints as e, type UnitCategory } from '@huzhu/core';
import { api } from './http-client.ts';
import { type UploadHandlers, uploadTo } from './upload.ts';

export interface UnitFilters {
  agencyId?: string;
  category?: UnitCategory;
  enrolled?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

/** Pickers load every agency in scope in one page: an office has a few dozen (at most this many, decisions.md). */
export const AGENCY_PICKER_MAX = 500;

export interface AgencyFilters {
  q?: string;
  kind?: AgencyKind;
  page: number;
  pageSize: number;
}

export const orgKeys = {
  agencies: ['agencies'] as const,
  agencyPage: (f: AgencyFilters) => ['agencies', 'page', f] as const,
  units: (f: Partial<UnitFilters>) => ['units', f] as const,
  unit: (id: string) => ['unit', id] as const,
};

export const orgApi = {
  agencies: async () => (await api.call(e.agencies, { query: { pageSize: AGENCY_PICKER_MAX } })).items,
  agencyPage: (f: AgencyFilters) => api.call(e.agencies, { query: { ...f } }),
  units: (f: Partial<UnitFilters>) => api.call(e.units, { query: { ...f } }),
  unit: (id: string) => api.call(e.unit, { params: { id } }),
  createUnit: (body: CreateUnitBody) => api.call(e.createUnit, { body }),
  importRegistry: (file: File, handlers: UploadHandlers) => uploadTo(e.importRegistry, {}, file, handlers),
  templateUrl: '/api/v1/registry-imports/template',
};
