/**
 * The public face of the Jira Cloud test double. Other test code depends on these shapes exactly.
 */
import type { DoubleState } from './state';

export interface JiraDouble {
  /** 'http://127.0.0.1:PORT' */
  url: string;
  /** Mutable in-memory state; tests may read and modify it directly. */
  state: DoubleState;
  /** Every request received, in arrival order. */
  log: RequestLogEntry[];
  /** Spec violations found in requests or in the double's own responses. */
  violations: ContractViolation[];
  /** Returns the violations recorded so far and clears them. */
  takeViolations(): ContractViolation[];
  faults: FaultInjector;
  resetLog(): void;
  close(): Promise<void>;
}

export interface RequestLogEntry {
  method: string;
  /** The path as received (still URL-encoded), without the query string. */
  path: string;
  /** The raw query string, without '?'. */
  query: string;
  /** The x-forge-principal header as received ('' when absent). */
  principal: string;
  /** 0 until the answer is sent. */
  status: number;
  kind: 'read' | 'write';
  requestBytes: number;
  responseBytes: number;
  operationId?: string;
  /** Milliseconds from the request's arrival to its answer (injected delays included); absent until answered. */
  durationMs?: number;
  /** The request's `Accept` header as received; absent when not sent. */
  accept?: string;
  /** The request's `Content-Type` header as received; absent when not sent. */
  contentType?: string;
  /** The request body, parsed as JSON (the raw text when it is not JSON); absent when empty. */
  body?: unknown;
}

export type ViolationKind =
  /** A request or response that does not match the operation's schemas. */
  | 'schema'
  /** A request to a method and path that no operation in the specs describes. */
  | 'unknown-operation'
  /** The specs describe the operation but the double does not serve it yet. */
  | 'unimplemented'
  /** The app called an operation without holding the OAuth 2.0 scopes the spec requires. */
  | 'scope';

export interface ContractViolation {
  direction: 'request' | 'response';
  method: string;
  path: string;
  /** Names the field, e.g. "request body: /transition must NOT have additional property 'foo'". */
  message: string;
  /** Added to the agreed interface (optional, so it stays compatible): what kind of problem it is. */
  kind?: ViolationKind;
}

export interface FaultSpec {
  method?: string;
  /** A string matches the path exactly (without query); a RegExp is tested against it. */
  path?: string | RegExp;
  /** A 4xx is Jira refusing the request (nothing applied); a 5xx its failure, or a gateway's. */
  status?: 400 | 403 | 404 | 409 | 429 | 500 | 502 | 503 | 504;
  /**
   * The request is applied (the handler runs and changes the state), then the answer is lost: the
   * app gets `status` (504 unless given) instead, as when a gateway times out after Jira committed.
   */
  afterApply?: boolean;
  /**
   * No answer at all: the connection is reset (the app sees a network failure, no status). With
   * `afterApply`, the request is applied first, as when the reset comes after Jira committed.
   */
  drop?: boolean;
  retryAfterSeconds?: number;
  delayMs?: number;
  /**
   * Called as the fault applies, before the request is answered: a test moves its clock on here, as
   * if the request took that long, without waiting for real.
   */
  meanwhile?: () => void;
  /** How many requests the fault applies to; 1 unless given. */
  times?: number;
  /** Matching requests let through before the fault applies (to reach the second read of a path). */
  skip?: number;
  /**
   * Answers this instead of running the handler: a body Jira may send but the double does not (a
   * field left out, a 303 with a task), checked against the operation's responses like any answer;
   * or, without `body`, an empty answer (as a gateway's bare error), which no spec describes and
   * which is not checked.
   */
  reply?: { status: number; body?: unknown; headers?: Record<string, string> };
}

export interface FaultInjector {
  /**
   * A status fault answers instead of the handler (429 comes with Retry-After and RateLimit-Reason);
   * delayMs delays the real answer (or the fault's answer when both are given).
   */
  add(f: FaultSpec): void;
  clear(): void;
}
