import { describe, expect, it } from 'vitest';
import { ProductParamsBase } from '../products/product.schema.ts';
import { ClaimDecisionBody, ClaimFactsFields } from './claim.schema.ts';
import { fenAmount, MAX_FEN } from './common.ts';
import { PaymentBody } from './enrolment.schema.ts';
import { ReliefSettingsBody } from './relief.schema.ts';

// Issue 15 item 1: every money field the API takes has a sane maximum (MAX_FEN, ¥100 million), never 2^53 − 1 fen.
const HUGE = Number.MAX_SAFE_INTEGER;

describe('money inputs have a ceiling', () => {
  it('fenAmount takes 0 … MAX_FEN whole fen and refuses more, with a Chinese message', () => {
    expect(fenAmount.safeParse(0).success).toBe(true);
    expect(fenAmount.safeParse(MAX_FEN).success).toBe(true);
    const over = fenAmount.safeParse(MAX_FEN + 1);
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe('金额超过上限（1 亿元）');
    expect(fenAmount.safeParse(HUGE).success).toBe(false);
  });

  it.each([
    ['an approved amount', () => ClaimDecisionBody.safeParse({ decision: 'approve', amountFen: HUGE })],
    [
      'claim expenses',
      () =>
        ClaimFactsFields.safeParse({
          kind: 'inpatient',
          cause: 'illness',
          eventDate: '2026-05-10',
          totalExpensesFen: HUGE,
        }),
    ],
    [
      'claim self-paid part',
      () =>
        ClaimFactsFields.safeParse({ kind: 'inpatient', cause: 'illness', eventDate: '2026-05-10', selfPaidFen: HUGE }),
    ],
    ['a batch payment', () => PaymentBody.safeParse({ amountFen: HUGE, paidOn: '2026-06-14', bankReference: 'R-1' })],
    ['a product fee per share', () => ProductParamsBase.shape.feePerShareFen.safeParse(HUGE)],
    ['the relief yearly cap', () => ReliefSettingsBody.safeParse({ yearCapFen: HUGE })],
  ])('%s of 2^53 − 1 fen is refused', (_name, parse) => {
    expect(parse().success).toBe(false);
  });
});
