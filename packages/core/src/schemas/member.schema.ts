import { z } from 'zod';
import { isoDate, Paging, pageOf, searchText } from './common.ts';
import { safeText } from '../validation/safe-text.ts';

export const employmentKinds = ['employee', 'gig'] as const;
export const gigKinds = ['rider', 'courier', 'ride_hailing', 'trucker', 'other'] as const;
export const householdTypes = ['urban', 'rural'] as const;
export const sexes = ['male', 'female'] as const;

export const employmentKindLabels = { employee: '在职职工', gig: '新就业形态劳动者' } as const;
export const gigKindLabels = {
  rider: '外卖骑手',
  courier: '快递员',
  ride_hailing: '网约车司机',
  trucker: '货车司机',
  other: '其他',
} as const;

export const MemberSummary = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  sex: z.enum(sexes),
  /**
   * The full birth date would give away the middle of the masked ID number, so lists carry the birth year and age
   * only; the member page has the date for those who may see the full number (member.reveal), else null.
   */
  birthDate: z.string().nullable(),
  birthYear: z.number().int(),
  age: z.number().int(),
  /** Masked (138****1234) in lists, and on the member page for roles that do not contact members. */
  mobile: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable().optional(),
  employmentKind: z.enum(employmentKinds),
  gigKind: z.enum(gigKinds).nullable(),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const UnitLink = z.object({
  unitId: z.string(),
  unitName: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});

export const MemberDetail = MemberSummary.extend({
  household: z.enum(householdTypes).nullable(),
  hasMedicalInsurance: z.boolean(),
  bankAccountMasked: z.string().nullable(),
  bankName: z.string().nullable(),
  unitHistory: z.array(UnitLink),
  policies: z.array(z.unknown()),
  createdAt: z.string(),
});
export type MemberDetail = z.infer<typeof MemberDetail>;

export const MemberListQuery = Paging.extend({
  idNumber: z.string().trim().max(40).optional(),
  /** A name (prefix), a mobile number (exact) or a full ID number (exact, through the blind index). */
  q: searchText(50).optional(),
  unitId: z.string().max(64).optional(),
  /** The `next` of the previous page: the page after it, as fast deep in the results as on the first page. */
  after: z.string().max(200).optional(),
});
export const MemberPage = pageOf(MemberSummary).extend({
  /** True when more members match than SEARCH_COUNT_CAP: `total` is then the cap ("1,000+"). */
  totalCapped: z.boolean(),
  /** Pass as `after` for the next page (null on the last page). */
  next: z.string().nullable(),
});

export const CreateMemberBody = z
  .object({
    name: safeText({ min: 1, max: 30 }),
    idNumber: z.string().trim().min(1).max(40),
    mobile: z.string().trim().max(20).optional(),
    unitId: z.string().max(64).optional(),
    employmentKind: z.enum(employmentKinds).default('employee'),
    gigKind: z.enum(gigKinds).optional(),
    household: z.enum(householdTypes).optional(),
    hasMedicalInsurance: z.boolean().default(true),
  })
  .refine((m) => m.gigKind === undefined || m.employmentKind === 'gig', {
    message: '只有新就业形态劳动者填写新业态类别',
    path: ['gigKind'],
  });
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;

export const TransferMemberBody = z.object({ unitId: z.string().min(1).max(64), fromDate: isoDate });

export const RevealResponse = z.object({ idNumber: z.string() });
