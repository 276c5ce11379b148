// Mutation testing of one group (scripts/mutation-groups.cjs), chosen by MUTATION_GROUP; run them all
// with `npm run mutation` (scripts/mutation.mjs). Not part of npm test. docs/MUTATION.md has the scores
// and the equivalent mutants left alive.
import { createRequire } from 'node:module';

const { currentGroup } = createRequire(import.meta.url)('./scripts/mutation-groups.cjs');
const group = currentGroup() ?? { name: 'all', mutate: [] };
const reports = `reports/mutation/${group.name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  // A mutant runs only the tests of its group that executed its code.
  coverageAnalysis: 'perTest',
  // Static mutants (run when a module loads, or by work that outlives its test) need every test of
  // the group each: they are counted apart, per file, in the score table (docs/MUTATION.md).
  ignoreStatic: true,
  concurrency: 2,
  mutate: [...group.mutate, '!src/**/*.test.ts'],
  ignorePatterns: [
    'static/*/build',
    'bench/out',
    'docs/screenshots',
    'docs/marketplace',
    'reports',
    '.stryker-tmp*',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Reuses the results of mutants whose code and covering tests did not change (--incremental).
  incrementalFile: `${reports}/stryker-incremental.json`,
  thresholds: { high: 90, low: 80, break: null },
  // A mutant that hangs (a paging loop that never stops) is detected after 1.5 times its tests' own time
  // plus this margin; every hang costs it, so it is kept short.
  timeoutMS: 5000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
