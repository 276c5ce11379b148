/** Types for mutation-sequencer.cjs (the mutation run's test order and file selection). */

interface SequencedTest {
  path: string;
}

declare class MutationSequencer {
  constructor(options: { globalConfig: { testNamePattern?: string } });
  sort<T extends SequencedTest>(tests: T[]): T[];
}

export = MutationSequencer;
