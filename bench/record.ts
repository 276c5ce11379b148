/**
 * Where `npm run bench` writes its results. bench/results.json is tracked (the README's tables cite
 * it), so a run only replaces it when asked: `npm run bench -- --record` or `BENCH_RECORD=1`.
 * Otherwise the results go to bench/out/results.json, which git ignores.
 */
import { join } from 'node:path';

export function resultsFile(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  benchDir: string,
): { file: string; recorded: boolean } {
  const recorded = argv.includes('--record') || env.BENCH_RECORD === '1' || env.BENCH_RECORD === 'true';
  return {
    file: recorded ? join(benchDir, 'results.json') : join(benchDir, 'out', 'results.json'),
    recorded,
  };
}
