/**
 * Jest's own test runner, for the mutation run, with one change: once a mutant is detected, the test
 * files after the one that caught it are not loaded at all.
 *
 * The mutation environment (scripts/mutation-environment.cjs) already skips their tests and hooks, but
 * Jest still loaded each file and everything it imports (the app, the Jira double, the specs' validators)
 * in a fresh module registry only to skip it: 150 to 400 ms a file, about two seconds a mutant in the
 * portal group, most of the time of a mutant caught by its first file. The files run one at a time, as
 * Stryker asks (in band), and a file not run reports nothing: Stryker needs only the failure it got.
 */
const { mutantRun } = require('./mutation-test-files.cjs');

// Jest's dependency, the runner it uses by default, resolved from Jest itself.
const { default: TestRunner } = require(require.resolve('jest-runner', { paths: [require.resolve('jest')] }));

class MutationRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (!options.serial || !process.env.__STRYKER_ACTIVE_MUTANT__)
      return super.runTests(tests, watcher, options);
    for (const test of tests) {
      if (mutantRun.killed) return;
      await super.runTests([test], watcher, options);
    }
  }
}

module.exports = MutationRunner;
