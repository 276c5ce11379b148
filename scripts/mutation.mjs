// npm run mutation [-- <group>... [--incremental] [--check] [--report] [--survivors]]
// Runs Stryker once per group (scripts/mutation-groups.cjs; all of them by default), then prints the
// mutation score of every file from the groups' JSON reports and writes reports/mutation/scores.json.
// --incremental reuses the previous results of unchanged mutants; --check exits 1 when a file scores
// below 90 %; --report only prints the table from the last reports; --survivors also lists every
// mutant no test detected (file:line, mutator, replacement), for the groups named or all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { groups } = createRequire(import.meta.url)('./mutation-groups.cjs');
const MIN_SCORE = 90;

const args = process.argv.slice(2);
const flags = new Set(args.filter((arg) => arg.startsWith('--')));
const named = args.filter((arg) => !arg.startsWith('--'));
const FLAGS = ['--incremental', '--check', '--report', '--survivors'];
const unknownFlags = [...flags].filter((flag) => !FLAGS.includes(flag));
if (unknownFlags.length > 0) {
  console.error(`Unknown option(s): ${unknownFlags.join(', ')}. Options: ${FLAGS.join(', ')}`);
  process.exit(2);
}
const unknown = named.filter((name) => !(name in groups));
if (unknown.length > 0) {
  console.error(`Unknown group(s): ${unknown.join(', ')}. Groups: ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
const chosen = named.length > 0 ? named : Object.keys(groups);

let failedRun = false;
// --report: only the table, from the groups' last reports.
for (const name of flags.has('--report') ? [] : chosen) {
  const started = Date.now();
  console.log(`::: mutation group ${name}`);
  const strykerArgs = ['stryker', 'run', ...(flags.has('--incremental') ? ['--incremental'] : [])];
  const run = spawnSync('npx', strykerArgs, {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_GROUP: name },
  });
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(`::: mutation group ${name}: exit ${run.status} after ${minutes} min`);
  if (run.status !== 0) failedRun = true;
}

const isStatic = (mutant) => /static/i.test(mutant.statusReason ?? '');
const equivalentsOf = (mutants) =>
  mutants.filter((mutant) => mutant.status === 'Ignored' && !isStatic(mutant));

/** Killed and timed-out mutants over every mutant that compiles (survived and uncovered included). */
function scoreOf(mutants) {
  const count = (status) => mutants.filter((mutant) => mutant.status === status).length;
  const detected = count('Killed') + count('Timeout');
  const undetected = count('Survived') + count('NoCoverage');
  const total = detected + undetected;
  return {
    detected,
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    // Left out by ignoreStatic (stryker.config.mjs): not in the score, shown beside it.
    ignoredStatic: mutants.filter((mutant) => mutant.status === 'Ignored' && isStatic(mutant)).length,
    // Marked equivalent beside their line (`// Stryker disable next-line <mutator>: <reason>`).
    equivalent: equivalentsOf(mutants).length,
    total,
    score: total ? (100 * detected) / total : 100,
  };
}

const rows = [];
const equivalents = [];
const survivors = [];
for (const name of Object.keys(groups)) {
  const file = `reports/mutation/${name}/mutation.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const [path, result] of Object.entries(report.files)) {
    rows.push({ group: name, file: path, ...scoreOf(result.mutants) });
    for (const mutant of equivalentsOf(result.mutants))
      equivalents.push(`${path}:${mutant.location.start.line} ${mutant.mutatorName}: ${mutant.statusReason}`);
    if (!chosen.includes(name)) continue;
    for (const mutant of result.mutants.filter((m) => ['Survived', 'NoCoverage'].includes(m.status)))
      survivors.push({ path, mutant });
  }
}
rows.sort((a, b) => a.score - b.score || a.file.localeCompare(b.file));
mkdirSync('reports/mutation', { recursive: true });
writeFileSync('reports/mutation/scores.json', `${JSON.stringify(rows, null, 2)}\n`);

console.log('\nMutation score per file (killed + timed out, over all mutants that compile):');
for (const row of rows) {
  const mark = row.score < MIN_SCORE ? '  < 90' : '';
  const ignored =
    (row.ignoredStatic > 0 ? `  (${row.ignoredStatic} static left out)` : '') +
    (row.equivalent > 0 ? `  (${row.equivalent} equivalent)` : '');
  console.log(
    `${row.score.toFixed(1).padStart(6)} %  ${String(row.detected).padStart(4)}/${String(row.total).padEnd(4)}  ${row.file}${mark}${ignored}`,
  );
}
console.log(`\nEquivalent mutants, marked beside their line with the reason (${equivalents.length}):`);
for (const line of equivalents.sort()) console.log(`  ${line}`);
if (flags.has('--survivors')) {
  console.log(`\nUndetected mutants of ${chosen.join(', ')} (${survivors.length}):`);
  const byPlace = (a, b) =>
    a.path.localeCompare(b.path) || a.mutant.location.start.line - b.mutant.location.start.line;
  for (const { path, mutant } of survivors.sort(byPlace)) {
    const { line, column } = mutant.location.start;
    const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100);
    console.log(`  ${path}:${line}:${column} ${mutant.status} ${mutant.mutatorName} → ${replacement}`);
  }
}
const below = rows.filter((row) => row.score < MIN_SCORE);
console.log(
  `\n${rows.length} files, ${below.length} below ${MIN_SCORE} %. HTML: reports/mutation/<group>/index.html`,
);
if (failedRun || (flags.has('--check') && below.length > 0)) process.exit(1);
