#!/usr/bin/env node
/**
 * `npm run lint`'s Forge step: Atlassian's manifest validator and client-side Forge linters, offline
 * (see forge-lint-core.cjs). Prints every problem as `file:line message` and exits non-zero on any
 * error or warning.
 *
 * Usage: node scripts/forge-lint.mjs [appDir]   (default: the working directory)
 */
import { formatProblem, runForgeLint } from './forge-lint-core.cjs';

const cwd = process.argv[2] ?? process.cwd();
const started = Date.now();
try {
  const { manifestValid, files, problems } = await runForgeLint({ cwd });
  for (const problem of problems) console.log(formatProblem(problem));
  const count = (/** @type {string} */ severity) => problems.filter((p) => p.severity === severity).length;
  const detail = problems.length
    ? ` (${count('error')} errors, ${count('warning')} warnings${count('approval') ? `, ${count('approval')} approvals` : ''})`
    : '';
  console.log(
    `forge lint: manifest ${manifestValid ? 'valid' : 'INVALID'}, ${files.length} files linted, ` +
      `${problems.length} problems${detail} [${((Date.now() - started) / 1000).toFixed(1)} s]`,
  );
  process.exitCode = problems.length ? 1 : 0;
} catch (error) {
  console.error('forge lint: could not run:', error);
  process.exitCode = 2;
}
