import type { Agency, CreateUnitBody, RegistryImportResult, Unit, UnitCategory } from '@huzhu/core';
import { http } from './http-client.ts';
import type { Page } from './page.ts';
import { type UploadHandlers, uploadFile } from './upload.ts';

export interface UnitFilters {
  agencyId?: string;
  category?: UnitCategory;
  enrolled?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export const orgKeys = {
  agencies: ['agencies'] as const,
  units: (f: Partial<UnitFilters>) => ['units', f] as const,
  unit: (id: string) => ['unit', id] as const,
};

export const orgApi = {
  agencies: () => http.get<Agency[]>('/agencies'),
  units: (f: Partial<UnitFilters>) => http.get<Page<Unit>>('/units', { ...f }),
  unit: (id: string) => http.get<Unit>(`/units/${encodeURIComponent(id)}`),
  createUnit: (body: CreateUnitBody) => http.post<Unit>('/units', body),
  importRegistry: (file: File, handlers: UploadHandlers) =>
    uploadFile<RegistryImportResult>('/registry-imports', file, handlers),
  templateUrl: '/api/v1/registry-imports/template',
};
