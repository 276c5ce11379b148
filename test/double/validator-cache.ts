/**
 * The double's compiled validators, kept on disk between test files, processes and runs. Jest gives
 * every test file its own module registry, so each file compiled again, with ajv's code generator,
 * every validator it used (about a second a file against the 2.4 MB platform spec; the mutation run
 * loads test files thousands of times). The generated code is stored under a key made of ajv's
 * version, the spec files' hash and the validator's name, and loaded again in each registry.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';

const CACHE_DIR = resolve(__dirname, '../../node_modules/.cache/jira-double-validators');
// ajv's version is part of the key: its generated code calls its runtime helpers by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

/** Where the code of one validator is kept. `specHash` changes whenever a spec file does. */
function fileOf(specHash: string, name: string): string {
  const key = createHash('sha256').update(`${AJV_VERSION}\n${specHash}\n${name}`).digest('hex');
  return join(CACHE_DIR, `${key}.cjs`);
}

/** Loads a stored validator in this module registry; its code requires ajv's runtime from node_modules. */
function load(file: string): ValidateFunction | undefined {
  if (!existsSync(file)) return undefined;
  // A module written by compileCached below: ajv's own generated code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as ValidateFunction;
}

/**
 * The validator named `name`: from the cache when present, otherwise compiled by `ajv` (created only
 * then) and stored. The file is written aside and renamed, so a concurrent reader sees all or nothing.
 */
export function compileCached(
  specHash: string,
  name: string,
  ajv: () => Ajv,
  schema: () => unknown,
): ValidateFunction {
  const file = fileOf(specHash, name);
  const stored = load(file);
  if (stored) return stored;
  const compiler = ajv();
  const fn = compiler.compile(schema() as object);
  mkdirSync(CACHE_DIR, { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, standaloneCode(compiler, fn));
  renameSync(aside, file);
  return fn;
}

/** A hash of the spec files' text, for the cache key. */
export function hashOf(...texts: string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text).update('\0');
  return hash.digest('hex');
}
