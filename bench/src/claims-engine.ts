/**
 * bench/claims-engine: the benefit engine alone — assess 100,000 claims of a realistic mix (every demo product and
 * claim kind, a share with earlier payments in the term) and report claims/s, beside a baseline loop that only
 * builds the same inputs (so the engine's own cost is the difference).
 *
 *   tsx bench/src/claims-engine.ts [--claims 100000] [--runs 5]
 */
import os from 'node:os';
import {
  addDays,
  assessClaim,
  type ClaimFacts,
  coverageTerms,
  demoCatalogue,
  type PolicyFacts,
  type PriorPayment,
} from '@huzhu/core';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('claims', 100_000);
const RUNS = arg('runs', 5);

const kindsFor: Record<string, ClaimFacts['kind'][]> = {
  CI_A: ['critical_illness'],
  CI_B: ['critical_illness'],
  FEM: ['female_disease'],
  ALW: ['inpatient'],
  MED: ['inpatient', 'accident_medical', 'disability', 'death'],
  GIG: ['accident_medical', 'disability', 'death'],
  GIG_GIFT: ['accident_medical', 'disability'],
  SHORT_ACC: ['accident_medical'],
};

interface Case {
  product: (typeof demoCatalogue)[number];
  policy: PolicyFacts;
  claim: ClaimFacts;
  prior: PriorPayment[];
}

function makeCases(n: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < n; i++) {
    const product = demoCatalogue[i % demoCatalogue.length]!;
    const start = addDays('2025-01-01', i % 200);
    const t = coverageTerms(product, product.minShares + (i % product.maxShares), start, []);
    const kinds = kindsFor[product.code]!;
    const kind = kinds[i % kinds.length]!;
    const accident = kind === 'accident_medical' || kind === 'disability' || kind === 'death' ? true : i % 5 === 0;
    const event = addDays(start, (i * 7) % 400);
    cases.push({
      product,
      policy: {
        id: `p${i}`,
        shares: t.feeFen / product.feePerShareFen || 1,
        startDate: t.startDate,
        endDate: t.endDate,
        waitingEndDate: t.waitingEndDate,
        accidentWaitingEndDate: t.accidentWaitingEndDate,
        state: 'in_force',
      },
      claim: {
        kind,
        cause: accident ? 'accident' : 'illness',
        eventDate: event,
        filedOn: addDays(event, 20),
        diseaseCode: product.diseases[i % Math.max(1, product.diseases.length)]?.code,
        inSitu: i % 4 === 0,
        admissionDate: event,
        dischargeDate: addDays(event, i % 30),
        totalExpensesFen: 50_000 + ((i * 9973) % 5_000_000),
        selfPaidFen: 20_000 + ((i * 7919) % 4_000_000),
        disabilityGrade: 1 + (i % 10),
      },
      prior: i % 3 === 0 ? [{ ruleKind: product.benefits[0]!.kind, amountFen: 100_000, days: 20 }] : [],
    });
  }
  return cases;
}

const cases = makeCases(N);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base: number[] = [];
const engine: number[] = [];
let payable = 0;
for (let r = 0; r < RUNS; r++) {
  let t = performance.now();
  let sink = 0;
  for (const c of cases) sink += c.claim.eventDate.length + c.prior.length + c.policy.shares;
  base.push(performance.now() - t);
  t = performance.now();
  payable = 0;
  for (const c of cases) if (assessClaim(c.product, c.policy, c.claim, c.prior).payable) payable += 1;
  engine.push(performance.now() - t);
  if (sink < 0) console.log(sink);
}
const e = median(engine);
console.log(
  JSON.stringify({
    bench: 'claims-engine',
    claims: N,
    runs: RUNS,
    engineMs: Math.round(e),
    claimsPerSecond: Math.round(N / (e / 1000)),
    baselineLoopMs: Number(median(base).toFixed(1)),
    payableShare: Number((payable / N).toFixed(3)),
    node: process.version,
    cpus: os.cpus().length,
  }),
);
