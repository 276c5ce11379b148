/** Types for mutation-test-files.cjs (the mutation run's state shared by its sequencer, runner and environment). */

export interface FileRuns {
  ms: number;
  kills: number;
}

export const mutantRun: { killed: boolean; killedIn: string | undefined; files: Map<string, FileRuns> };
export function recordFileRun(path: string, ms: number, caught: boolean): void;
export function mapFile(rootDir: string): string;
export function recording(): boolean;
export const TEST_FILES_MAP: string;
