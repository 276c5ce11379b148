/**
 * Jest's node environment, for the mutation run: once a test has failed under a mutant, the mutant
 * is killed, so the tests after it are skipped instead of run. Stryker asks Jest not to bail (Jest has
 * no programmatic bail), which would otherwise run every covering test of every killed mutant. Stryker
 * wraps this environment with its own (it records which test covers which mutant) and still gets the
 * failure it needs. Outside a mutant run (the dry run, plain Jest) it changes nothing.
 */
const { TestEnvironment } = require('jest-environment-node');
const { mutantRun } = require('./mutation-test-files.cjs');

class MutationEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (!process.env.__STRYKER_ACTIVE_MUTANT__) return;
    if (event.name === 'test_done' && event.test.errors.length > 0) mutantRun.killed = true;
    // Skipped here, before the test's hooks and body run; the mutant is already detected.
    if (event.name === 'test_start' && mutantRun.killed) event.test.mode = 'skip';
  }
}

module.exports = MutationEnvironment;
