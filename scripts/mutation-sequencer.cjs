/**
 * Test order and selection for the mutation run.
 *
 * Selection: Stryker runs a mutant with a name pattern matching the tests that covered it, but Jest
 * still loads every suite of the group to skip the others, seconds per mutant. The dry run records
 * which file holds which test (scripts/mutation-test-files.cjs); a mutant run keeps only the files
 * with a test the pattern matches, matched as Jest matches it. Without the map, or when nothing
 * matches, every suite runs: never fewer tests than Stryker asked for.
 *
 * Order: unit tests beside the code first, then the suites that caught the most mutants so far in
 * this worker (a file's mutants are tried one after another, and what caught one mutant of a function
 * tends to catch the next), the slow ones last among equals. A killed mutant costs the files before
 * the one that catches it: each loads the app and the Jira double (about a second).
 */
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { basename } = require('node:path');
const { mapFile, mutantRun, recording } = require('./mutation-test-files.cjs');

/** Suites that take seconds: they run last, after everything quicker had its chance. */
const SLOW = new Set([
  'fault-suite.test.ts',
  'exactly-once.test.ts',
  'budgets.test.ts',
  'faults.test.ts',
  'resilience.test.ts',
  'perform-action.test.ts',
]);

/** Unit tests beside the code (src/) first, then the suites through the harness, then the slow ones. */
const rank = (path) => (SLOW.has(basename(path)) ? 2 : path.includes('/src/') ? 0 : 1);

/** Mutants each test file caught in this worker's runs so far. */
const kills = new Map();

/** The test names per file recorded by the dry run, or undefined when there is none. */
function readMap(rootDir) {
  const file = mapFile(rootDir);
  if (!existsSync(file)) return undefined;
  const names = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line);
    names.set(entry.file, [...(names.get(entry.file) ?? []), ...entry.names]);
  }
  return names;
}

class MutationSequencer {
  constructor({ globalConfig }) {
    this.globalConfig = globalConfig;
  }

  sort(tests) {
    // Jest asks for the order once per run: the previous mutant's is over, each mutant starts undetected.
    if (mutantRun.killedIn) kills.set(mutantRun.killedIn, (kills.get(mutantRun.killedIn) ?? 0) + 1);
    mutantRun.killed = false;
    mutantRun.killedIn = undefined;
    const unit = (path) => (rank(path) === 0 ? 0 : 1);
    const ordered = [...tests].sort(
      (a, b) =>
        unit(a.path) - unit(b.path) ||
        (kills.get(b.path) ?? 0) - (kills.get(a.path) ?? 0) ||
        rank(a.path) - rank(b.path) ||
        a.path.localeCompare(b.path),
    );
    const { testNamePattern } = this.globalConfig;
    // Stryker runs Jest in its sandbox, the directory where the recorder writes the map.
    const rootDir = process.cwd();
    // A dry run starts a new map; files recorded by an earlier one may have changed.
    if (recording() && !testNamePattern) rmSync(mapFile(rootDir), { force: true });
    if (!testNamePattern) return ordered;
    const names = readMap(rootDir);
    if (!names) return ordered;
    const pattern = new RegExp(testNamePattern, 'i');
    const kept = ordered.filter((test) => (names.get(test.path) ?? []).some((name) => pattern.test(name)));
    return kept.length > 0 ? kept : ordered;
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
