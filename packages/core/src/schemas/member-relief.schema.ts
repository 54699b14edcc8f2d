import { z } from 'zod';
import { reliefCategoryCodes } from '../relief/relief-category.ts';
import { reliefStatuses } from '../relief/relief-workflow.ts';
import { pageOf } from './common.ts';

/**
 * The member's own relief (救助慰问) as the member app shows it: what was applied for, where it stands, what was paid,
 * and the claims filed with it in one step (慰问+理赔). No medical facts, no reason or notes of the staff, no staff
 * names: the member sees the decision and the money.
 */
export const MemberRelief = z.object({
  id: z.string(),
  number: z.string(),
  category: z.enum(reliefCategoryCodes),
  categoryName: z.string(),
  eventDate: z.string(),
  amountFen: z.number().int(),
  status: z.enum(reliefStatuses),
  origin: z.enum(['applied', 'proactive', 'batch']),
  filedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Why it was refused (shown to the member only for a refusal). */
  refusalReason: z.string().nullable(),
  paidAt: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
  claims: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      status: z.string(),
      assessedAmountFen: z.number().int(),
      approvedAmountFen: z.number().int().nullable(),
    }),
  ),
});
export type MemberRelief = z.infer<typeof MemberRelief>;
export const MemberReliefPage = pageOf(MemberRelief);
export type MemberReliefPage = z.infer<typeof MemberReliefPage>;
