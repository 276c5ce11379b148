/** Types for forge-lint-core.cjs (Atlassian's manifest validator and client-side Forge linters, offline). */

export interface ForgeLintOptions {
  /** The app's root: manifest.yml, tsconfig.json and src/ are read from here. Default: the working directory. */
  cwd?: string;
  /** Where jira-platform-v3.json and jsm-servicedesk.json are, relative to cwd. Default: "specs". */
  specsDir?: string;
  /** Files to lint, relative to cwd. Default: every .js/.jsx/.ts/.tsx (and c/m variants) under src/. */
  files?: string[];
  /** Leave the network guard off (it makes fetch/http/https/net/tls fail at once). Default: false. */
  allowNetwork?: boolean;
}

export interface ForgeLintProblem {
  /** "manifest": the manifest validator or a manifest linter; "lint": a code linter or the harness. */
  source: 'manifest' | 'lint';
  /** Relative to cwd, "/"-separated, or "(forge lint)" for a failure of the tools themselves. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'approval';
  message: string;
  /** The reference (rule id or documentation link) the tool gives, if any. */
  rule?: string;
}

export interface ForgeLintResult {
  manifestValid: boolean;
  /** The files lint() parsed and linted, relative to cwd, "/"-separated (a skipped file is a problem). */
  files: string[];
  /** Every error, warning and approval; the check passes only when this is empty. */
  problems: ForgeLintProblem[];
}

export function runForgeLint(options?: ForgeLintOptions): Promise<ForgeLintResult>;
export function formatProblem(problem: ForgeLintProblem): string;
export function listSourceFiles(dir: string): string[];
/** Makes fetch, http(s).request/get, net.connect/createConnection and tls.connect fail at once; returns the undo. */
export function blockNetwork(attempts: string[]): () => void;
