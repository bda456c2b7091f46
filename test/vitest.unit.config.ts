/** Vitest over the pure unit tests only (beside the code in src/, test/rules/, test/unit/): what `npm run mutation` (Stryker) runs. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  test: {
    include: ['src/**/*.test.ts', 'test/rules/**/*.test.ts', 'test/unit/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
