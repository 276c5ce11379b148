/** `npm run bench` leaves the tracked bench/results.json alone unless asked to record (bench/record.ts). */
import { join } from 'node:path';
import { resultsFile } from '../bench/record';

const BENCH = join(__dirname, '../bench');

it('writes to the ignored bench/out unless asked to record', () => {
  expect(resultsFile([], {}, BENCH)).toEqual({ file: join(BENCH, 'out', 'results.json'), recorded: false });
  expect(resultsFile(['--record'], {}, BENCH).file).toBe(join(BENCH, 'results.json'));
  expect(resultsFile([], { BENCH_RECORD: '1' }, BENCH).file).toBe(join(BENCH, 'results.json'));
  expect(resultsFile([], { BENCH_RECORD: '0' }, BENCH).recorded).toBe(false);
});
