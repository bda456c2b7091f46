/** Vitest over the unit tests beside the code only (src/, *.test.ts): what `npm run mutation` (Stryker) runs. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
