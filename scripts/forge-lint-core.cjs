'use strict';
/**
 * Atlassian's own Forge checks, run offline: the manifest validator of `@forge/manifest` and the client-side
 * linters of `@forge/lint` (the ones `forge lint` runs before it asks Atlassian's servers). The permission
 * linter reads the local OpenAPI files in specs/ (see specs/PROVENANCE.md) instead of downloading them.
 *
 * CommonJS on purpose: the Forge packages are CommonJS, and Jest (CommonJS here) can require this file.
 * Types: forge-lint-core.d.cts. Command line: forge-lint.mjs.
 */
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');

/** The environment `forge lint` uses when none is given. */
const FORGE_ENVIRONMENT = 'development';
/** `forge lint` lints the app's source directory. */
const SOURCE_DIR = 'src';
/** The extensions `lint()` parses (it ignores other files). */
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * Runs the manifest validator and the client-side linters on the app in `cwd`.
 * Both tools resolve manifest.yml, tsconfig.json and source paths against the process's working directory,
 * so the working directory is switched to `cwd` for the duration of the call (and restored afterwards).
 *
 * @param {import('./forge-lint-core.cjs').ForgeLintOptions} [options]
 * @returns {Promise<import('./forge-lint-core.cjs').ForgeLintResult>}
 */
async function runForgeLint(options = {}) {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const specsDir = path.resolve(cwd, options.specsDir ?? 'specs');
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-'));
  const stubSwagger = path.join(tmpDir, 'no-paths.json');
  fs.writeFileSync(stubSwagger, '{"paths":{}}\n');

  const savedCwd = process.cwd();
  const restoreEnv = setEnv({
    // The permission linter downloads six OpenAPI files unless all six LOCAL_* variables are set.
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(specsDir, 'jira-platform-v3.json'),
    LOCAL_JSM_SWAGGER: path.join(specsDir, 'jsm-servicedesk.json'),
    LOCAL_JSW_SWAGGER: stubSwagger,
    LOCAL_CONF_SWAGGER: stubSwagger,
    LOCAL_CONF_V2_SWAGGER: stubSwagger,
    LOCAL_BB_SWAGGER: stubSwagger,
    // The permission linter opens an on-disk cache (the `conf` package) under the XDG config directory.
    XDG_CONFIG_HOME: tmpDir,
  });
  /** @type {string[]} */
  const networkAttempts = [];
  const restoreNetwork = options.allowNetwork ? () => {} : blockNetwork(networkAttempts);

  const restoreCompile = shareSchemaCompilation();

  try {
    process.chdir(cwd);
    return await lintHere(options.files, networkAttempts);
  } finally {
    process.chdir(savedCwd);
    restoreCompile();
    restoreNetwork();
    restoreEnv();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/**
 * @param {string[] | undefined} requestedFiles
 * @param {string[]} networkAttempts
 * @returns {Promise<import('./forge-lint-core.cjs').ForgeLintResult>}
 */
async function lintHere(requestedFiles, networkAttempts) {
  const { ProcessorBuilder, ValidationTypes } = require('@forge/manifest');
  const forgeLint = require('@forge/lint');
  const statsig = createOfflineStatsig();

  /** @type {import('./forge-lint-core.cjs').ForgeLintProblem[]} */
  const problems = [];
  const seen = new Set();
  /** @param {import('./forge-lint-core.cjs').ForgeLintProblem} problem */
  const add = (problem) => {
    const key = `${problem.file}:${problem.line}:${problem.column}:${problem.severity}:${problem.message}`;
    if (seen.has(key)) return; // the validator and lint's FullManifestLinter report the same manifest errors
    seen.add(key);
    problems.push(problem);
  };

  // 1. The manifest validator. This is `validate()` from @forge/manifest (FULL validation of ./manifest.yml)
  //    built with the options lint's FullManifestLinter uses, so both share one cached processor: compiling
  //    the manifest schema takes seconds.
  const validation = await ProcessorBuilder.instance()
    .withValidation(ValidationTypes.FULL)
    .withOptions({ deprecatedRuntimes: await statsig.getDeprecatedRuntimes() })
    .build()
    .process();
  for (const e of validation.errors ?? []) {
    add({
      source: 'manifest',
      file: 'manifest.yml',
      line: e.line ?? 0,
      column: e.column ?? 0,
      severity: e.level === 'warning' ? 'warning' : 'error',
      message: e.message,
      rule: e.reference,
    });
  }
  const manifestValid = validation.success && (validation.errors ?? []).length === 0;
  const manifestObject = validation.manifestObject;
  const manifest = manifestObject?.typedContent ?? manifestObject?.yamlContent;

  const files = requestedFiles ?? listSourceFiles(SOURCE_DIR);
  if (!manifest) {
    // No parsable manifest: lint() cannot run (the validator has said why).
    return { manifestValid, files: [], problems };
  }

  // 2. The client-side linters, exactly as lint() runs them.
  /** @type {string[]} */
  const linterFailures = [];
  const logger = {
    info: (/** @type {unknown} */ message) => linterFailures.push(stripAnsi(String(message))),
  };
  const parsed = new Set();
  /** @type {import('@forge/lint').LintConfig['parseFunction']} */
  const parseFunction = async (filepath, parser, readFile) => {
    parsed.add(path.normalize(filepath));
    return forgeLint.parseSourceFile(filepath, parser, readFile);
  };
  const restoreInclude = expandDirectoryIncludes();
  /** @type {import('@forge/lint').LintResult[]} */
  let results = [];
  let crashed = false;
  try {
    results = await forgeLint.lint(files, manifest, FORGE_ENVIRONMENT, logger, statsig, {
      linter: { mode: 'client-side' },
      parseFunction,
    });
  } catch (error) {
    crashed = true;
    add(crashProblem(error));
  } finally {
    restoreInclude();
  }

  for (const result of results) {
    const file = path.relative(process.cwd(), path.resolve(result.file)).split(path.sep).join('/');
    for (const [severity, rules] of /** @type {const} */ ([
      ['error', result.errors],
      ['warning', result.warnings],
      ['approval', result.approvals],
    ])) {
      for (const r of rules) {
        add({
          source: file === 'manifest.yml' ? 'manifest' : 'lint',
          file,
          line: r.line,
          column: r.column,
          severity,
          message: r.message,
          rule: r.reference,
        });
      }
    }
  }
  // A linter that throws is reported through the logger only ("Could not perform some linting actions").
  for (const message of linterFailures) {
    add({
      source: 'lint',
      file: '(forge lint)',
      line: 0,
      column: 0,
      severity: 'error',
      message: message.trim(),
    });
  }
  // lint() silently skips a TypeScript file that tsconfig.json does not include: say so.
  for (const file of crashed ? [] : files) {
    if (!parsed.has(path.normalize(file))) {
      add({
        source: 'lint',
        file: file.split(path.sep).join('/'),
        line: 0,
        column: 0,
        severity: 'error',
        message: 'not linted: @forge/lint skips TypeScript files that tsconfig.json does not include',
      });
    }
  }
  for (const attempt of networkAttempts) {
    add({
      source: 'lint',
      file: '(forge lint)',
      line: 0,
      column: 0,
      severity: 'error',
      message: `network access attempted and refused: ${attempt}`,
    });
  }

  const linted = [...parsed].map((f) =>
    path.relative(process.cwd(), path.resolve(f)).split(path.sep).join('/'),
  );
  return { manifestValid, files: linted.sort(), problems };
}

/**
 * Statsig answers for an offline run: every gate and dynamic config is unknown, so each reader method returns
 * the default the Forge CLI itself falls back on when the feature-flag service does not answer
 * (`StatsigReader`'s `?? default`; e.g. `getDeprecatedRuntimes()` gives []). No network call is made.
 * @returns {import('@forge/cli-shared').StatsigService}
 */
function createOfflineStatsig() {
  const { StatsigReader } = require('@forge/cli-shared');
  class OfflineStatsig extends StatsigReader {
    async checkGate() {
      return null;
    }
    async getDynamicConfig() {
      return null;
    }
  }
  // lint() is typed to take the CLI's StatsigService, but only calls StatsigReader methods on it.
  return /** @type {import('@forge/cli-shared').StatsigService} */ (
    /** @type {unknown} */ (new OfflineStatsig())
  );
}

/**
 * Speed only, same results. The manifest validator and four of lint's manifest linters each build their own
 * processor, and each processor compiles the same 2 MB manifest JSON schema with a new, identically set up
 * Ajv instance (@forge/manifest's SchemaValidator): five compilations of about two seconds each. This hands
 * the function compiled first to the later, identical compilations. The key holds everything a compiled
 * validator depends on: the schema, the Ajv options, formats and keywords; anything different compiles anew.
 * @returns {() => void} restores Ajv's own compile
 */
function shareSchemaCompilation() {
  const manifestDir = path.dirname(require.resolve('@forge/manifest'));
  const Ajv = require(require.resolve('ajv', { paths: [manifestDir] })).default;
  const proto = Ajv.prototype;
  const hadOwn = Object.prototype.hasOwnProperty.call(proto, 'compile');
  const original = proto.compile;
  /** @type {Map<string, unknown>} */
  const compiled = new Map();
  proto.compile = function compile(/** @type {unknown} */ schema, /** @type {unknown[]} */ ...rest) {
    let key;
    try {
      key = compilationKey(this, schema);
    } catch {
      return original.call(this, schema, ...rest);
    }
    if (rest.length === 0 && compiled.has(key)) return compiled.get(key);
    const validate = original.call(this, schema, ...rest);
    if (rest.length === 0) compiled.set(key, validate);
    return validate;
  };
  return () => {
    if (hadOwn) proto.compile = original;
    else delete proto.compile;
  };
}

/**
 * @param {{opts: object, formats: object, RULES: {keywords: object}}} ajv
 * @param {unknown} schema
 */
function compilationKey(ajv, schema) {
  // tslib's __importStar adds `default` (the module itself) to an imported JSON schema; a real top-level
  // `default` would be an annotation with no effect on validation either way.
  const content = schema && typeof schema === 'object' ? { ...schema, default: undefined } : schema;
  // Functions (and the URI resolver, a module that refers to itself) are the same code for every instance.
  const options = JSON.stringify(ajv.opts, (k, v) =>
    k === 'uriResolver' || typeof v === 'function' ? undefined : v,
  );
  return JSON.stringify([
    content,
    options,
    Object.keys(ajv.formats).sort(),
    Object.keys(ajv.RULES.keywords).sort(),
  ]);
}

/**
 * lint() parses a .ts/.tsx file only if it appears in the list it builds from tsconfig.json's `include`
 * (with `FileSystemReader.readGlob`), and that list holds what the patterns match literally: an include
 * of "src" yields the directory, not the files under it, so every TypeScript file would be skipped.
 * TypeScript reads a directory in `include` as "everything below it"; this makes lint() read it the same
 * way, for the duration of one lint() call.
 * @returns {() => void} restores the original method
 */
function expandDirectoryIncludes() {
  const { FileSystemReader } = require('@forge/cli-shared');
  const proto = FileSystemReader.prototype;
  const original = proto.readGlob;
  proto.readGlob = async function readGlob(/** @type {{pattern: string, filesOnly?: boolean}} */ args) {
    const results = await original.call(this, args);
    const expanded = await Promise.all(
      results.map(async (/** @type {string} */ entry) => {
        if (!isDirectory(entry)) return [entry];
        return original.call(this, { pattern: `${entry.replace(/[\\/]+$/, '')}/**/*`, filesOnly: true });
      }),
    );
    return expanded.flat().sort();
  };
  return () => {
    proto.readGlob = original;
  };
}

/** @param {string} p */
function isDirectory(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The app's source files, relative to the working directory, sorted.
 * @param {string} dir
 * @returns {string[]}
 */
function listSourceFiles(dir) {
  if (!isDirectory(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: false })
    .map((entry) => path.join(dir, String(entry)))
    .filter((file) => !file.split(path.sep).includes('node_modules'))
    .filter((file) => SOURCE_FILE.test(file) && fs.statSync(file).isFile())
    .sort();
}

/**
 * Makes every outgoing connection fail at once (instead of hanging on a machine without internet) and
 * records it, so a code path that would reach Atlassian's servers is noticed.
 * @param {string[]} attempts
 * @returns {() => void} restores the originals
 */
function blockNetwork(attempts) {
  /** @type {Array<() => void>} */
  const restores = [];
  /**
   * @param {object} target
   * @param {string} name
   * @param {string} label
   * @param {boolean} async
   */
  const patch = (target, name, label, async) => {
    const t = /** @type {Record<string, unknown>} */ (target);
    const original = t[name];
    if (typeof original !== 'function') return;
    /** @param {unknown[]} args */
    const refuse = (...args) => {
      const what = `${label} ${describeTarget(args[0])}`;
      attempts.push(what);
      const error = Object.assign(new Error(`forge-lint runs offline; refused ${what}`), {
        code: 'FORGE_LINT_OFFLINE',
      });
      if (async) return Promise.reject(error);
      throw error;
    };
    t[name] = refuse;
    restores.push(() => {
      t[name] = original;
    });
  };
  patch(globalThis, 'fetch', 'fetch', true);
  for (const [mod, label] of /** @type {const} */ ([
    [http, 'http'],
    [https, 'https'],
  ])) {
    patch(mod, 'request', `${label}.request`, false);
    patch(mod, 'get', `${label}.get`, false);
  }
  patch(net, 'connect', 'net.connect', false);
  patch(net, 'createConnection', 'net.createConnection', false);
  patch(tls, 'connect', 'tls.connect', false);
  return () => restores.reverse().forEach((restore) => restore());
}

/** @param {unknown} target */
function describeTarget(target) {
  if (typeof target === 'string') return target;
  if (target instanceof URL) return target.href;
  if (target && typeof target === 'object') {
    const t =
      /** @type {{url?: unknown, href?: unknown, host?: unknown, hostname?: unknown, port?: unknown, path?: unknown}} */ (
        target
      );
    if (typeof t.url === 'string') return t.url;
    if (typeof t.href === 'string') return t.href;
    const host = t.hostname ?? t.host;
    if (host !== undefined) return `${String(host)}${t.port !== undefined ? `:${String(t.port)}` : ''}`;
    if (t.path !== undefined) return String(t.path);
  }
  return String(target);
}

/**
 * @param {Record<string, string>} values
 * @returns {() => void}
 */
function setEnv(values) {
  /** @type {Record<string, string | undefined>} */
  const saved = {};
  for (const [key, value] of Object.entries(values)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/**
 * lint() wraps a parse error (or any other failure) in an ApplicationCompileError whose message ends with
 * "in <file>", "at index <n>", "at line <l>, column <c>" lines; put those back into file and line.
 * @param {unknown} error
 * @returns {import('./forge-lint-core.cjs').ForgeLintProblem}
 */
function crashProblem(error) {
  const text = error instanceof Error ? error.message : String(error);
  const [first = '', ...rest] = text.split('\n');
  const file = rest.find((l) => l.startsWith('in '))?.slice(3);
  const at = rest.map((l) => /^at line (\d+), column (\d+)$/.exec(l)).find((m) => m);
  return {
    source: 'lint',
    file: file ? path.relative(process.cwd(), file).split(path.sep).join('/') : '(forge lint)',
    line: at ? Number(at[1]) : 0,
    column: at ? Number(at[2]) : 0,
    severity: 'error',
    message: `forge lint could not run: ${first}`,
  };
}

/** @param {string} text */
function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * One line per problem, as `file:line message`.
 * @param {import('./forge-lint-core.cjs').ForgeLintProblem} p
 */
function formatProblem(p) {
  const where = p.line ? `${p.file}:${p.line}:${p.column}` : p.file;
  const message = p.message.replace(/\s*\n\s*/g, ' ');
  return `${where} ${p.severity}: ${message}${p.rule ? ` [${p.rule}]` : ''}`;
}

module.exports = { runForgeLint, formatProblem, listSourceFiles, blockNetwork };
