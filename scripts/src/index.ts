export {
  DEFAULT_SEED,
  isDatabaseEmpty,
  type SeedDeps,
  type SeedOptions,
  type SeedProgress,
  type SeedScale,
  type SeedSummary,
  seedDemo,
  seedScales,
} from './seed-demo.ts';
export { mulberry32, type Rng } from './demo/prng.ts';
