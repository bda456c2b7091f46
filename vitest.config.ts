import { defineConfig } from 'vitest/config';

/** Whether CI is set to anything truthy (CI=true, CI=1, yes; not empty, 0 or false). */
const ci = ((v: string) => v !== '' && v !== '0' && v !== 'false' && v !== 'no')((process.env['CI'] ?? '').trim().toLowerCase());
// Under CI (or REDLINE_TEST_SHUFFLE=1) files and tests run in a random order, so a test that
// leans on another's side effects fails; the seed is printed, and REDLINE_TEST_SEED replays it.
const shuffle = ci || process.env['REDLINE_TEST_SHUFFLE'] === '1';
const seed = Number(process.env['REDLINE_TEST_SEED'] ?? Math.floor(Math.random() * 1_000_000));
if (shuffle) console.log(`vitest: shuffled order, seed ${seed} (replay: REDLINE_TEST_SHUFFLE=1 REDLINE_TEST_SEED=${seed})`);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    ...(shuffle ? { sequence: { shuffle: true, seed } } : {}),
  },
});
