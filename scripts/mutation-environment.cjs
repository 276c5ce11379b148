/**
 * Jest's node environment, for the mutation run.
 *
 * Once a test has failed under a mutant, the mutant is killed, so the tests after it are skipped
 * instead of run. Stryker asks Jest not to bail (Jest has no programmatic bail), which would otherwise
 * run every covering test of every killed mutant. Stryker wraps this environment with its own (it
 * records which test covers which mutant) and still gets the failure it needs.
 *
 * In the dry run, code a module runs when it loads must count as static, not as covered by a test.
 * Stryker names the test in progress on `test_start` and forgets it on `test_done`, in one context all
 * test files share; a skipped test has a start and no done, so its name stayed set, and the next file's
 * modules loaded as if that test ran them (a skipped size check "covered" every module-level constant,
 * and those mutants then ran only that test, which does nothing). Forgotten here on a skip and before
 * each file's modules load.
 */
const { TestEnvironment } = require('jest-environment-node');
const { appendFileSync } = require('node:fs');
const { mutantRun, recordFileRun } = require('./mutation-test-files.cjs');

class MutationEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async setup() {
    this.started = Date.now();
    await super.setup();
    this.forgetCurrentTest();
  }

  async teardown() {
    await super.teardown();
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    if (!mutant) return;
    const ms = Date.now() - this.started;
    const caught = mutantRun.killedIn === this.testPath;
    recordFileRun(this.testPath, ms, caught);
    // MUTATION_TIMINGS=<file>: one JSON line per test file a mutant ran, to see where a run's time goes.
    if (process.env.MUTATION_TIMINGS) {
      const line = JSON.stringify({ mutant, file: this.testPath, ms, caught });
      appendFileSync(process.env.MUTATION_TIMINGS, `${line}\n`);
    }
  }

  /** Stryker's shared instrumenter context, set on this environment's global by its wrapper. */
  forgetCurrentTest() {
    const context = this.global[this.global.__strykerGlobalNamespace__ ?? '__stryker__'];
    if (context) context.currentTestId = undefined;
  }

  async handleTestEvent(event, state) {
    if (event.name === 'test_skip' || event.name === 'test_todo') this.forgetCurrentTest();
    if (!process.env.__STRYKER_ACTIVE_MUTANT__) return;
    // A file that starts after the mutant was detected skips all its tests before any hook runs: Jest
    // runs no beforeAll of a block without a test to run, so the file does not start the app and the
    // Jira double (about a second each) only to skip everything.
    if (event.name === 'run_start' && mutantRun.killed) skipEveryTest(state.rootDescribeBlock);
    if (event.name === 'test_done' && event.test.errors.length > 0 && !mutantRun.killed) {
      mutantRun.killed = true;
      mutantRun.killedIn = this.testPath;
    }
    // Skipped here, before the test's hooks and body run; the mutant is already detected.
    if (event.name === 'test_start' && mutantRun.killed) event.test.mode = 'skip';
  }
}

function skipEveryTest(block) {
  for (const child of block.children) {
    if (child.type === 'test') child.mode = 'skip';
    else skipEveryTest(child);
  }
}

module.exports = MutationEnvironment;
