/**
 * Vitest as `npm run mutation` (Stryker) runs it: the unit tests of test/vitest.unit.config.ts,
 * without per-file isolation. Stryker runs the tests covering each mutant once per mutant, and a
 * mutant in a helper every rule shares is covered by a dozen test files: isolated, each of them
 * imports the analysis again (about half a second a file on the shared machine), which is most
 * of a mutant's cost. Not isolated, the modules are imported once per worker; Stryker switches
 * mutants at run time, so the cached modules see each mutant. The tests stand alone (the suite
 * runs shuffled), so sharing the modules changes no verdict.
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import unit from './vitest.unit.config.js';

export default mergeConfig(unit, defineConfig({ test: { isolate: false } }));
