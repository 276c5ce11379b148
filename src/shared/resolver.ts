/**
 * What every resolver shares: reading the platform context, and turning any failure into a localized
 * `{ error: { code, message } }` so the front end never sees an unhandled exception.
 */
import { getTranslator, type MessageKey } from '../i18n';
import { JiraError } from '../jira/errors';
import { AppError, commentStateOf, type CommentState, type ErrorCode, type ResolverError } from './errors';

/** The `context` part of a resolver request, as @forge/resolver passes it. */
export interface ResolverContext {
  accountId?: string;
  extension?: unknown;
  [key: string]: unknown;
}

export interface ResolverRequest {
  payload: unknown;
  context: ResolverContext;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

/**
 * The issue the module is displayed on, from the platform-supplied context only (never from the
 * payload, which the browser controls). `place` is 'request' on the portal, 'issue' in Jira.
 */
export function issueKeyFromContext(context: ResolverContext, place: 'request' | 'issue'): string {
  const extension = context.extension as Record<string, { key?: unknown } | undefined> | undefined;
  const key = extension?.[place]?.key;
  if (typeof key !== 'string' || !ISSUE_KEY.test(key)) throw new AppError('INVALID_INPUT');
  return key;
}

/** The invoking user; the platform supplies it, so it can be trusted. Anonymous callers have none. */
export function callerFromContext(context: ResolverContext): string {
  if (typeof context.accountId !== 'string' || context.accountId === '') throw new AppError('NOT_ALLOWED');
  return context.accountId;
}

/** The locale the front end sent, if it is a short string; resolved to a supported one later. */
export function localeFromPayload(payload: unknown): string | undefined {
  const locale = (Object(payload) as Record<string, unknown>).locale;
  return typeof locale === 'string' && locale.length <= 35 ? locale : undefined;
}

/**
 * Logs a failed Jira request by method, path and status only: no personal data in logs. Anything
 * else thrown (a storage failure, the invocation's deadline) is not a Jira failure: nothing logged.
 */
export function logJiraFailure(error: unknown): void {
  if (!(error instanceof JiraError)) return;
  console.warn(`Jira request failed: ${error.method} ${error.path} ${error.status ?? '-'} ${error.kind}`);
}

function codeForJiraError(error: JiraError): ErrorCode {
  // Jira answers 404 for an issue the caller may not browse: to the caller that is "not allowed".
  if (error.kind === 'not-found' || error.kind === 'forbidden') return 'NOT_ALLOWED';
  return 'JIRA_UNAVAILABLE';
}

/** Runs a resolver body; any failure becomes a localized ResolverError. */
export async function answer<T>(
  request: ResolverRequest,
  body: () => Promise<T>,
): Promise<T | ResolverError> {
  try {
    return await body();
  } catch (error) {
    let code: ErrorCode;
    let key: MessageKey;
    let vars: Readonly<Record<string, string | number>> = {};
    let comment: CommentState | undefined;
    if (error instanceof AppError) {
      code = error.code;
      key = error.messageKey ?? `error.${error.code}`;
      vars = error.vars;
      comment = commentStateOf(key);
    } else if (error instanceof JiraError) {
      code = codeForJiraError(error);
      key = `error.${code}`;
      logJiraFailure(error);
    } else {
      code = 'JIRA_UNAVAILABLE';
      key = 'error.JIRA_UNAVAILABLE';
      console.error('Unexpected resolver failure', error instanceof Error ? error.name : typeof error);
    }
    const { t } = await getTranslator(localeFromPayload(request.payload));
    return { error: { code, message: t(key, vars), ...(comment ? { comment } : {}) } };
  }
}
