/**
 * Test order and selection for the mutation run.
 *
 * Selection: Stryker runs a mutant with a name pattern matching the tests that covered it, but Jest
 * still loads every suite of the group to skip the others, seconds per mutant. The dry run records
 * which file holds which test (scripts/mutation-test-files.cjs); a mutant run keeps only the files
 * with a test the pattern matches, matched as Jest matches it. Without the map, or when nothing
 * matches, every suite runs: never fewer tests than Stryker asked for.
 *
 * Order: the files that caught the most mutants per second spent in them so far in this worker first
 * (see worth()). A killed mutant costs the files before the one that catches it, and that file up to
 * the failing test; the files after it are not loaded (scripts/mutation-runner.cjs).
 */
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { basename } = require('node:path');
const { mapFile, mutantRun, recording } = require('./mutation-test-files.cjs');

/** Suites that take seconds: until measured, they are expected to cost five times a harness suite. */
const SLOW = new Set([
  'fault-suite.test.ts',
  'exactly-once.test.ts',
  'budgets.test.ts',
  'faults.test.ts',
  'resilience.test.ts',
  'perform-action.test.ts',
]);

/** What a file is expected to cost before this worker has run it: unit tests beside the code are quick. */
function expectedMs(path) {
  if (SLOW.has(basename(path))) return 5000;
  return path.includes('/src/') ? 100 : 1000;
}

/**
 * How soon a file is worth running: the mutants it caught per millisecond it took, so far in this
 * worker, with one catch and its expected cost counted in so that a file not yet run gets its chance.
 * Running files by it, highest first, is the order that catches a mutant soonest on average when each
 * file's chance and cost stay what they were (a file's mutants are tried one after another, and what
 * caught one mutant of a function tends to catch the next).
 */
function worth(path) {
  const seen = mutantRun.files.get(path) ?? { ms: 0, kills: 0 };
  return (seen.kills + 1) / (seen.ms + expectedMs(path));
}

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
    mutantRun.killed = false;
    mutantRun.killedIn = undefined;
    const ordered = [...tests].sort((a, b) => worth(b.path) - worth(a.path) || a.path.localeCompare(b.path));
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
