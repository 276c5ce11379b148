import type { MessageKey } from '../i18n/locales';

/**
 * What a resolver answers when it cannot do what was asked. `message` is already in the caller's
 * language; `code` is stable, for the front end to react on.
 */
export const ERROR_CODES = [
  'NOT_ALLOWED',
  'NOT_AVAILABLE',
  'INVALID_INPUT',
  'COMMENT_REQUIRED',
  'COMMENT_TOO_LONG',
  'JIRA_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What a failed customer action already did with the customer's comment: `saved` it is posted,
 * `unknown` it may be. Absent when nothing was saved. The panel then keeps the text as it was sent.
 */
export type CommentState = 'saved' | 'unknown';

/** The messages that tell the customer their comment is, or may be, posted: one source for both. */
const COMMENT_STATE_OF_MESSAGE: Partial<Record<MessageKey, CommentState>> = {
  'error.COMMENT_SAVED_STATUS_UNCHANGED': 'saved',
  'error.COMMENT_SAVED_STATUS_UNKNOWN': 'saved',
  'error.NOT_AVAILABLE_COMMENT_SAVED': 'saved',
  'error.OUTCOME_UNKNOWN': 'unknown',
  'error.IN_PROGRESS': 'unknown',
  'error.NOT_AVAILABLE_COMMENT_UNKNOWN': 'unknown',
};

export function commentStateOf(key: MessageKey): CommentState | undefined {
  return COMMENT_STATE_OF_MESSAGE[key];
}

export interface ResolverError {
  error: { code: ErrorCode; message: string; comment?: CommentState };
}

/** Tells a resolver's refusal from its answer, for the front ends and the tests. */
export function isResolverError(value: unknown): value is ResolverError {
  return value !== null && typeof value === 'object' && 'error' in value;
}

/** Thrown inside a resolver to stop with a known code; the resolver wrapper turns it into a ResolverError. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    /** Which message to show, when not the one named after the code. */
    readonly messageKey?: MessageKey,
    readonly vars: Readonly<Record<string, string | number>> = {},
  ) {
    super(code);
  }
}
