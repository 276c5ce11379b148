/**
 * Test order for the mutation run: quick suites first. Stryker stops a mutant's run at its first failing
 * test, so a mutant a unit test catches costs that test, not the fault suite's minutes. Jest's own order
 * (slowest first) suits a full run, not this one.
 */
const { basename } = require('node:path');

/** Suites that take tens of seconds: they run last, after everything quicker had its chance. */
const SLOW = new Set([
  'fault-suite.test.ts',
  'exactly-once.test.ts',
  'budgets.test.ts',
  'faults.test.ts',
  'resilience.test.ts',
]);

/** Unit tests beside the code (src/) first, then the suites through the harness, then the slow ones. */
const rank = (path) => (SLOW.has(basename(path)) ? 2 : path.includes('/src/') ? 0 : 1);

class MutationSequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
  cacheResults() {}
  allFailedTests(tests) {
    return tests;
  }
  shard(tests) {
    return tests;
  }
}

module.exports = MutationSequencer;
