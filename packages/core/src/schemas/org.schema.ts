import { z } from 'zod';
import { Paging, pageOf, queryBool, searchText } from './common.ts';
import { contactPhone, safeText } from '../validation/safe-text.ts';

export const agencyKinds = ['district', 'industry', 'direct'] as const;
export type AgencyKind = (typeof agencyKinds)[number];
export const agencyKindLabels: Record<AgencyKind, string> = { district: '区县', industry: '产业', direct: '市直' };

export const Agency = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(agencyKinds),
  regionCode: z.string().nullable(),
});
export type Agency = z.infer<typeof Agency>;
/** Agencies in scope, by kind and code; `q` finds one by name or code, `kind` narrows to one kind. */
export const AgencyListQuery = Paging.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(agencyKinds).optional(),
});
export const AgencyPage = pageOf(Agency);

export const unitCategories = [
  'government',
  'institution',
  'soe',
  'private',
  'platform',
  'social_org',
  'other',
] as const;
export type UnitCategory = (typeof unitCategories)[number];
export const unitCategoryLabels: Record<UnitCategory, string> = {
  government: '机关',
  institution: '事业单位',
  soe: '国有企业',
  private: '非公企业',
  platform: '新业态平台企业',
  social_org: '社会组织',
  other: '其他',
};

export const CreateUnitBody = z
  .object({
    name: safeText({ min: 2, max: 100 }),
    creditCode: z.string().trim().min(1).max(40),
    category: z.enum(unitCategories),
    industry: safeText({ min: 0, max: 50 }).optional(),
    agencyId: z.string().min(1).max(64),
    headcount: z.number().int().min(0).max(10_000_000),
    femaleHeadcount: z.number().int().min(0).max(10_000_000).optional(),
    contactName: safeText({ min: 0, max: 30 }).optional(),
    contactPhone: contactPhone.optional(),
  })
  .refine((u) => u.femaleHeadcount === undefined || u.femaleHeadcount <= u.headcount, {
    message: '女职工人数不能大于职工人数',
    path: ['femaleHeadcount'],
  });
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const Unit = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  creditCodeChecksumValid: z.boolean(),
  category: z.enum(unitCategories),
  industry: z.string().nullable(),
  agencyId: z.string(),
  agencyName: z.string().optional(),
  headcount: z.number().int(),
  femaleHeadcount: z.number().int().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  enrolled: z.boolean(),
  coveredUntil: z.string().nullable(),
  memberCount: z.number().int().optional(),
  createdAt: z.string(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
});
export type Unit = z.infer<typeof Unit>;

export const UnitListQuery = Paging.extend({
  agencyId: z.string().max(64).optional(),
  category: z.enum(unitCategories).optional(),
  enrolled: queryBool.optional(),
  /** Name (contains, Chinese or Latin) or unified social credit code (prefix). */
  q: searchText(100).optional(),
});
export const UnitPage = pageOf(Unit).extend({
  /** True when more units match than SEARCH_COUNT_CAP: `total` is then the cap ("1,000+"). */
  totalCapped: z.boolean(),
});

export const RegistryImportResult = z.object({
  id: z.string(),
  totalRows: z.number().int(),
  createdUnits: z.number().int(),
  updatedUnits: z.number().int(),
  rejectedRows: z.number().int(),
  issues: z.array(
    z.object({
      row: z.number().int(),
      column: z.string(),
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
    }),
  ),
});
export type RegistryImportResult = z.infer<typeof RegistryImportResult>;

/** Column headers of the union registry spreadsheet (工会组织名册), in template order. */
export const registryColumns = {
  name: '单位名称',
  creditCode: '统一社会信用代码',
  category: '单位类别',
  industry: '所属行业',
  agency: '代办处',
  headcount: '职工人数',
  femaleHeadcount: '女职工人数',
  contactName: '联系人',
  contactPhone: '联系电话',
} as const;
