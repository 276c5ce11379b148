/**
 * Records, during Stryker's first run of the tests (the dry run, with no mutant active), which test
 * file holds which test. Stryker hands each mutant run only the names of the tests that covered the
 * mutant (as a name pattern); with this map the sequencer (scripts/mutation-sequencer.cjs) runs just
 * the files that hold them, instead of loading every suite of the group to skip most of its tests.
 */
/* global beforeEach, afterAll, expect */
const { appendFileSync } = require('node:fs');
const { join } = require('node:path');

/** The map, in the sandbox Stryker runs the tests in: one JSON line per test file. */
const TEST_FILES_MAP = '.mutation-test-files.jsonl';

function mapFile(rootDir) {
  return join(rootDir, TEST_FILES_MAP);
}

/** Only inside a Stryker worker, and only in the dry run: mutant runs must not rewrite the map. */
function recording() {
  return Boolean(process.env.STRYKER_MUTATOR_WORKER) && !process.env.__STRYKER_ACTIVE_MUTANT__;
}

/**
 * The run in progress, shared by the sequencer (which starts each run) and the test environment
 * (scripts/mutation-environment.cjs): both are loaded once per Stryker worker, outside Jest's sandboxes.
 */
const mutantRun = { killed: false, killedIn: undefined, files: new Map() };

/**
 * What a test file cost and caught in this worker's mutant runs so far: the milliseconds its runs took
 * (up to the kill, when it caught the mutant: the tests after it are skipped) and the mutants it
 * caught. The sequencer orders the files of the next mutant run by it.
 */
function recordFileRun(path, ms, caught) {
  const seen = mutantRun.files.get(path) ?? { ms: 0, kills: 0 };
  mutantRun.files.set(path, { ms: seen.ms + ms, kills: seen.kills + (caught ? 1 : 0) });
}

module.exports = { mapFile, recording, mutantRun, recordFileRun, TEST_FILES_MAP };

// Loaded as a setup file (jest.mutation.config.js): `beforeEach` exists only there.
if (typeof beforeEach === 'function' && recording()) {
  const names = new Set();
  beforeEach(() => {
    const { currentTestName } = expect.getState();
    if (currentTestName) names.add(currentTestName);
  });
  afterAll(() => {
    const { testPath } = expect.getState();
    const line = JSON.stringify({ file: testPath, names: [...names] });
    appendFileSync(mapFile(process.cwd()), `${line}\n`);
  });
}
