/**
 * Jest for the mutation run (npm run mutation): the suites of the group being mutated
 * (scripts/mutation-groups.cjs), or every back-end suite when no group is set. The browser, preview and
 * lint suites drive Chromium or the Forge linter: they cover the panel and the manifest, not this code.
 */
const base = require('./jest.config.js');
const { currentGroup } = require('./scripts/mutation-groups.cjs');

const group = currentGroup();

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // Skips a mutant's remaining tests once one has failed.
  // An absolute path: Stryker loads the environment itself, without resolving <rootDir>.
  testEnvironment: require.resolve('./scripts/mutation-environment.cjs'),
  testSequencer: '<rootDir>/scripts/mutation-sequencer.cjs',
  // Loads no test file after the one that detected the mutant.
  runner: '<rootDir>/scripts/mutation-runner.cjs',
  // Records which file holds which test, for the sequencer to run only the files a mutant needs.
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/scripts/mutation-test-files.cjs'],
  ...(group ? { testMatch: group.tests.map((glob) => `<rootDir>/${glob}`) } : {}),
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/browser/',
    '<rootDir>/test/preview/',
    '<rootDir>/test/lint/',
    '<rootDir>/test/bench-record.test.ts',
    ...(group?.skip ?? []),
  ],
};
