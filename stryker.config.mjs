// Mutation testing (npm run mutation; not part of npm test). docs/MUTATION.md explains the run,
// the scores and the equivalent mutants left alive.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  // Each mutant runs only the tests that executed its code (per-test coverage), which keeps the
  // run within the hour on two cores.
  coverageAnalysis: 'perTest',
  concurrency: 2,
  mutate: [
    'src/portal/**/*.ts',
    'src/workflow/**/*.ts',
    'src/shared/**/*.ts',
    'src/jira/**/*.ts',
    'src/texts/**/*.ts',
    'src/waiting/**/*.ts',
    'src/privacy/**/*.ts',
    '!src/**/*.test.ts',
  ],
  ignorePatterns: ['static/*/build', 'bench/out', 'docs/screenshots', 'reports', 'test-results'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
