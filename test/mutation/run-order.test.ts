/**
 * The mutation run's promises about which tests a mutant runs (scripts/mutation-*.cjs): never fewer than
 * Stryker asked for, the files most likely to catch it soonest first, none loaded after it is caught.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MutationRunner from '../../scripts/mutation-runner.cjs';
import MutationSequencer from '../../scripts/mutation-sequencer.cjs';
import { mapFile, mutantRun, recordFileRun } from '../../scripts/mutation-test-files.cjs';

const UNIT = '/app/src/portal/payload.test.ts';
const HARNESS = '/app/test/portal/submissions.test.ts';
const OTHER_HARNESS = '/app/test/portal/access.test.ts';
const SLOW = '/app/test/portal/fault-suite.test.ts';

const tests = (...paths: string[]): { path: string }[] => paths.map((path) => ({ path }));
const order = (paths: string[], testNamePattern?: string): string[] =>
  new MutationSequencer({ globalConfig: { testNamePattern } }).sort(tests(...paths)).map((t) => t.path);

let sandbox: string;
beforeEach(() => {
  mutantRun.files.clear();
  sandbox = mkdtempSync(join(tmpdir(), 'mutation-order-'));
  jest.spyOn(process, 'cwd').mockReturnValue(sandbox);
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(sandbox, { recursive: true, force: true });
  delete process.env.__STRYKER_ACTIVE_MUTANT__;
});

describe('the order of a mutant run', () => {
  it('before any run: unit tests, then the harness suites by path, then the slow suites', () => {
    expect(order([SLOW, HARNESS, UNIT, OTHER_HARNESS])).toEqual([UNIT, OTHER_HARNESS, HARNESS, SLOW]);
  });

  it('puts first the file that caught the most mutants per second spent in it', () => {
    // One suite caught every mutant it ran, in 8 s each; the other one in two, in 0.3 s.
    for (let run = 0; run < 4; run += 1) recordFileRun(OTHER_HARNESS, 8_000, true);
    for (let run = 0; run < 4; run += 1) recordFileRun(HARNESS, 300, run % 2 === 0);
    expect(order([OTHER_HARNESS, HARNESS])).toEqual([HARNESS, OTHER_HARNESS]);
  });

  it('lets a file not run yet come before one that ran and caught nothing', () => {
    for (let run = 0; run < 3; run += 1) recordFileRun(OTHER_HARNESS, 400, false);
    expect(order([OTHER_HARNESS, HARNESS])).toEqual([HARNESS, OTHER_HARNESS]);
  });

  it('starts each mutant undetected', () => {
    mutantRun.killed = true;
    mutantRun.killedIn = HARNESS;
    order([HARNESS]);
    expect(mutantRun).toMatchObject({ killed: false, killedIn: undefined });
  });
});

describe('the files a mutant run loads', () => {
  function recordDryRun(entries: Record<string, string[]>): void {
    const lines = Object.entries(entries).map(([file, names]) => JSON.stringify({ file, names }));
    writeFileSync(mapFile(sandbox), `${lines.join('\n')}\n`);
  }

  it('are the files holding a test of the name pattern Stryker gives', () => {
    recordDryRun({ [HARNESS]: ['claims once'], [OTHER_HARNESS]: ['refuses a stranger'], [UNIT]: ['limits'] });
    expect(order([UNIT, HARNESS, OTHER_HARNESS], '(claims once)|(limits)')).toEqual([UNIT, HARNESS]);
  });

  it('are every file when the pattern matches no recorded test, or when nothing was recorded', () => {
    expect(order([HARNESS, UNIT], '(claims once)')).toEqual([UNIT, HARNESS]);
    recordDryRun({ [HARNESS]: ['claims once'] });
    expect(order([HARNESS, UNIT], '(renamed since)')).toEqual([UNIT, HARNESS]);
  });

  it('are every file, when no pattern is given', () => {
    recordDryRun({ [HARNESS]: ['claims once'] });
    expect(order([HARNESS, UNIT])).toEqual([UNIT, HARNESS]);
  });
});

describe('the files run after a mutant is caught', () => {
  const jestRunner = Object.getPrototypeOf(MutationRunner.prototype) as {
    runTests: (tests: { path: string }[]) => Promise<void>;
  };

  function runner(catchIn: string | undefined): { ran: string[][]; run: (serial: boolean) => Promise<void> } {
    const ran: string[][] = [];
    jest.spyOn(jestRunner, 'runTests').mockImplementation((files) => {
      ran.push(files.map((file) => file.path));
      if (files.some((file) => file.path === catchIn)) mutantRun.killed = true;
      return Promise.resolve();
    });
    mutantRun.killed = false;
    const run = (serial: boolean): Promise<void> =>
      new MutationRunner({}, {}).runTests(tests(UNIT, HARNESS, SLOW), {}, { serial });
    return { ran, run };
  }

  it('are none: under a mutant, the files after the one that caught it are not loaded', async () => {
    process.env.__STRYKER_ACTIVE_MUTANT__ = '7';
    const { ran, run } = runner(HARNESS);
    await run(true);
    expect(ran).toEqual([[UNIT], [HARNESS]]);
  });

  it('are all of them while no test caught the mutant', async () => {
    process.env.__STRYKER_ACTIVE_MUTANT__ = '7';
    const { ran, run } = runner(undefined);
    await run(true);
    expect(ran).toEqual([[UNIT], [HARNESS], [SLOW]]);
  });

  it('are left to Jest in the dry run, and when the files run in parallel', async () => {
    const { ran, run } = runner(UNIT);
    await run(true);
    process.env.__STRYKER_ACTIVE_MUTANT__ = '7';
    await run(false);
    expect(ran).toEqual([
      [UNIT, HARNESS, SLOW],
      [UNIT, HARNESS, SLOW],
    ]);
  });
});
