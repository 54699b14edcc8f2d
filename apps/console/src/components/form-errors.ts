import type { FormInstance } from 'antd';
import { ApiError } from '../api/http-client.ts';

/**
 * Puts a server refusal next to the field it concerns: `details.field` (domain refusals) or the issue paths of
 * VALIDATION_FAILED. Returns false when no field of the form matched, so the caller shows the message itself.
 */
export function applyServerErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const known = new Set(fields);
  const found: { name: string; errors: string[] }[] = [];
  const details = error.details;
  if (Array.isArray(details)) {
    for (const d of details as { path?: unknown; message?: unknown }[]) {
      const name = typeof d.path === 'string' ? d.path.split('.')[0] : undefined;
      if (name && known.has(name))
        found.push({ name, errors: [typeof d.message === 'string' ? d.message : error.message] });
    }
  } else if (details && typeof details === 'object') {
    const d = details as { field?: unknown; message?: unknown };
    if (typeof d.field === 'string' && known.has(d.field)) {
      found.push({ name: d.field, errors: [typeof d.message === 'string' ? d.message : error.message] });
    }
  }
  if (found.length === 0) return false;
  form.setFields(found);
  return true;
}

/** Drops empty optional fields (cleared inputs give '' or null), which the API expects to be absent. */
export function compact<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}
