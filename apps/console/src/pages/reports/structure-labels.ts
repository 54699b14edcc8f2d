import { categoryLabel, type StructureRow } from '@huzhu/core';
import type { Locale } from '../../i18n/i18n.tsx';

/** A structure row as a chart category: the agency on the office-wide view, the unit category within one agency. */
export const structureRowLabel = (r: StructureRow, locale: Locale) =>
  r.category === null ? r.agencyName : categoryLabel(r.category, locale);

/** A 0–1 share as a percentage for a chart (null stays a gap). */
export const percentOf = (v: number | null) => (v === null ? null : Number((v * 100).toFixed(1)));
