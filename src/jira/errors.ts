/** Every failure talking to Jira becomes one of these, so callers switch on `kind`, not on status codes. */
export type JiraErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'conflict'
  | 'rate-limited'
  | 'server'
  | 'network'
  /** No answer before the invocation's deadline: the request may or may not have been applied. */
  | 'timeout';

export class JiraError extends Error {
  override readonly name = 'JiraError';
  constructor(
    readonly kind: JiraErrorKind,
    readonly status: number | null,
    readonly method: string,
    /** The API path without its query string (query strings may carry user input). */
    readonly path: string,
    /** Jira's own messages, from `errorMessages`/`errors` (platform) or `errorMessage` (JSM). */
    readonly jiraMessages: readonly string[] = [],
  ) {
    super(
      `${method} ${path} failed: ${status ?? 'no response'} ${kind}${jiraMessages.length ? ` (${jiraMessages.join('; ')})` : ''}`,
    );
  }

  /** Worth telling the user to try again later: Jira is busy or down, not refusing. */
  get isTransient(): boolean {
    return (
      this.kind === 'rate-limited' ||
      this.kind === 'server' ||
      this.kind === 'network' ||
      this.kind === 'timeout'
    );
  }
}

export function kindForStatus(status: number): JiraErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'bad-request';
}

/** Pulls human-readable messages out of either API family's error body. */
export function messagesFromErrorBody(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;
  const messages: string[] = [];
  if (Array.isArray(record.errorMessages)) {
    for (const m of record.errorMessages) if (typeof m === 'string') messages.push(m);
  }
  if (record.errors && typeof record.errors === 'object') {
    for (const [field, m] of Object.entries(record.errors as Record<string, unknown>)) {
      if (typeof m === 'string') messages.push(`${field}: ${m}`);
    }
  }
  if (typeof record.errorMessage === 'string') messages.push(record.errorMessage);
  return messages;
}
