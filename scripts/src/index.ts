export {
  DEFAULT_SEED,
  type SeedDeps,
  type SeedOptions,
  type SeedProgress,
  type SeedScale,
  type SeedSummary,
  seedDemo,
  seedScales,
} from './seed-demo.ts';
export { isDatabaseEmpty } from './seed-state.ts';
export { type OfficePlan, planOffice, type RowEnvironment } from './demo/office-plan.ts';
export { mulberry32, type Rng } from './demo/prng.ts';
export { DEMO_MEMBER_MOBILE, demoMemberSignIn } from './demo/demo-member.ts';
