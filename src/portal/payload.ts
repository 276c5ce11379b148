/** Validation of what the portal sends to performCustomerAction. The browser is not trusted. */
import { isCustomerActionId, type CustomerActionId } from '../workflow';
import { AppError } from '../shared/errors';

export interface ActionPayload {
  action: CustomerActionId;
  /** Exactly as typed; undefined when none was given. */
  comment: string | undefined;
  submissionId: string;
  locale: string | undefined;
}

/**
 * crypto.randomUUID() in the browser; any similar opaque id is accepted. The rules are written in the
 * functions, not as module constants, so that the mutation run measures them (docs/MUTATION.md).
 */
function isSubmissionId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(value);
}

function isAllowedKey(key: string): boolean {
  return ['action', 'comment', 'submissionId', 'locale'].includes(key);
}
/**
 * A comment over the action's limit gets COMMENT_TOO_LONG (the customer can shorten it); anything
 * larger than this is not a comment typed in the dialog, so it is refused outright.
 */
export const MAX_COMMENT_PAYLOAD = 100_000;

export function parseActionPayload(payload: unknown): ActionPayload {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    throw new AppError('INVALID_INPUT');
  const record = payload as Record<string, unknown>;
  if (!Object.keys(record).every(isAllowedKey)) throw new AppError('INVALID_INPUT');
  const { action, comment, submissionId, locale } = record;
  if (!isCustomerActionId(action)) throw new AppError('INVALID_INPUT');
  if (
    comment !== undefined &&
    comment !== null &&
    (typeof comment !== 'string' || comment.length > MAX_COMMENT_PAYLOAD)
  ) {
    throw new AppError('INVALID_INPUT');
  }
  if (!isSubmissionId(submissionId)) throw new AppError('INVALID_INPUT');
  if (locale !== undefined && (typeof locale !== 'string' || locale.length > 35))
    throw new AppError('INVALID_INPUT');
  return { action, comment: typeof comment === 'string' ? comment : undefined, submissionId, locale };
}
