/**
 * `npm run bench`: what the app costs. Prints a table and writes the results (bench/out/results.json;
 * bench/results.json, which is tracked, only with `--record` or BENCH_RECORD=1: see record.ts) with
 * - the Jira requests of every operation (reads, writes, bytes), measured through the test double;
 * - the back-end function bundle (size, cold load time against a minimal resolver);
 * - the portal bundle (raw, gzip) and the time to the status in Chromium against a minimal React page.
 * Counts and sizes are asserted by test/budgets.test.ts; timings are only reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { measureBackend } from './backend';
import { measurePortal } from './portal';
import { resultsFile } from './record';
import { operations, type OperationCost } from './requests';

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const line = (row: string[]) =>
    row.map((cell, column) =>
      column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
    );
  const [head, ...body] = rows;
  return [head, widths.map((w) => '-'.repeat(w)), ...body]
    .map((row) => `| ${line(row ?? []).join(' | ')} |`)
    .join('\n');
}

async function main(): Promise<void> {
  // Quiet: the operations log what they do and the Jira errors they survive, which would drown the table.
  const { log, info, warn } = console;
  console.log = console.info = console.warn = () => undefined;
  const costs: OperationCost[] = [];
  try {
    for (const [name, run] of operations()) {
      process.stderr.write(`measuring ${name}…\n`);
      costs.push(await run());
    }
  } finally {
    Object.assign(console, { log, info, warn });
  }
  process.stderr.write('bundling and loading the back end…\n');
  const backend = measureBackend();
  process.stderr.write('building and timing the portal in Chromium…\n');
  const portal = await measurePortal();

  console.log('\nJira requests per operation (through the test double)\n');
  console.log(
    table([
      ['operation', 'requests', 'reads', 'writes', 'sent', 'received'],
      ...costs.map((c) => [
        c.operation,
        String(c.requests),
        c.taskPolls > 0 ? `${c.reads} (${c.taskPolls} task polls)` : String(c.reads),
        String(c.writes),
        kb(c.bytesSent),
        kb(c.bytesReceived),
      ]),
    ]),
  );
  console.log('\nBundles and start-up (timings: median of several runs, this machine, this run)\n');
  console.log(
    table([
      ['bundle', 'raw', 'gzip', 'time', 'ratio'],
      [
        'back end: app function',
        kb(backend.app.bytes),
        kb(backend.app.gzipBytes),
        `${ms(backend.app.loadMsMedian)} load`,
        `${backend.loadRatio.toFixed(2)}×`,
      ],
      [
        'back end: minimal resolver',
        kb(backend.minimal.bytes),
        kb(backend.minimal.gzipBytes),
        `${ms(backend.minimal.loadMsMedian)} load`,
        '1×',
      ],
      [
        'portal: before the status shows',
        kb(portal.bundle.initial.reduce((sum, a) => sum + a.bytes, 0)),
        kb(portal.bundle.initialGzipBytes),
        `${ms(portal.panel.statusShownMsMedian)} to status`,
        `${portal.statusShownRatio.toFixed(2)}×`,
      ],
      [
        'portal: loaded later',
        kb(portal.bundle.lazy.reduce((sum, a) => sum + a.bytes, 0)),
        kb(portal.bundle.lazy.reduce((sum, a) => sum + a.gzipBytes, 0)),
        '',
        '',
      ],
      [
        'minimal React page',
        kb(portal.minimalBundle.initial.reduce((sum, a) => sum + a.bytes, 0)),
        kb(portal.minimalBundle.initialGzipBytes),
        `${ms(portal.minimal.statusShownMsMedian)} to status`,
        '1×',
      ],
    ]),
  );

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length },
    operations: costs,
    backend,
    portal,
  };
  const { file, recorded } = resultsFile(process.argv.slice(2), process.env, __dirname);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nWritten to ${file}${recorded ? '' : ' (bench/results.json is left as it is: `npm run bench -- --record` replaces it)'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
