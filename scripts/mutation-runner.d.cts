/** Types for mutation-runner.cjs (Jest's runner, loading no test file after a detected mutant). */

interface RunnerTest {
  path: string;
}

declare class MutationRunner {
  constructor(globalConfig: object, context: object);
  runTests(tests: RunnerTest[], watcher: object, options: { serial: boolean }): Promise<void>;
}

export = MutationRunner;
