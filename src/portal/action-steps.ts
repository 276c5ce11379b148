/**
 * The two writes of a customer action, each done at most once and each failure told as it is:
 * nothing saved (the text is kept, a retry is safe), the comment saved, or not known yet (a retry
 * finds out before writing again). Used by perform-action.ts, which holds the submission's lease.
 */
import type { JiraClient } from '../jira/client';
import type { Deadline } from '../jira/deadline';
import { JiraError } from '../jira/errors';
import { AppError } from '../shared/errors';
import { logJiraFailure } from '../shared/resolver';
import { getStatus, type StatusKey } from '../workflow';
import { AUDIT_PROPERTY_KEY, appendAudit, auditRecordOf, isAuditLog, type AuditRecord } from './audit';
import { commentMark, findMarkedComment, type CommentMark } from './comment-mark';
import type { RequestStatusView } from './request-view';
import { noteLease, type Lease } from './submissions';

export interface Attempt {
  jira: JiraClient;
  issueKey: string;
  /** This attempt's lease, and what it knows (the comment, once posted). */
  key: string;
  lease: Lease;
  mark: CommentMark;
  /** Set when earlier attempts exist: since when they may have written, and when the last one ended. */
  earlier: { since: number; lastUntil: number } | undefined;
  deadline: Deadline;
}

/** Time a check after a failed write needs: a read or two. */
const CHECK_MS = 2_500;

/**
 * Jira refused the request (a 4xx): it was not applied. No answer, or an error not from Jira, counts
 * as status 0.
 */
function refused(error: unknown): boolean {
  const status = error instanceof JiraError ? (error.status ?? 0) : 0;
  return status >= 400 && status < 500;
}
/**
 * The request may still be applied after this answer: no answer at all (the deadline, the network),
 * or a gateway's (502, 503, 504), which can come while Jira is still at work. Jira's own 500, or a
 * 2xx without the body expected, means its processing is over.
 */
function mayBeInFlight(error: unknown): boolean {
  return (
    !(error instanceof JiraError) ||
    error.status === null ||
    error.status === 502 ||
    error.status === 503 ||
    error.status === 504
  );
}

/** The lease is freed for a retry at once: this attempt has nothing left in flight. */
export function release(attempt: Attempt): Promise<void> {
  return noteLease(attempt.key, { ...attempt.lease, state: 'released' }, attempt.deadline);
}

/** Bookkeeping only: the work is done and proven in Jira, so a failure here changes nothing. */
export function markDone(attempt: Attempt, at: number): Promise<void> {
  return noteLease(attempt.key, { ...attempt.lease, state: 'done', doneAt: at }, attempt.deadline);
}

async function learnComment(attempt: Attempt, id: string): Promise<void> {
  attempt.lease = { ...attempt.lease, commentId: id };
  await noteLease(attempt.key, attempt.lease, attempt.deadline);
}

/** The comment of this submission, if any attempt posted it; throws when Jira cannot tell. */
async function findPosted(attempt: Attempt, since: number): Promise<string | undefined> {
  const found = await findMarkedComment(attempt.jira, attempt.issueKey, attempt.mark, since);
  return found?.id;
}

/**
 * Whether the customer's comment is posted, for an answer that must say so. Looks in Jira when an
 * earlier attempt may have posted it; `undefined` when it cannot tell.
 */
export async function commentPosted(attempt: Attempt): Promise<boolean | undefined> {
  if (attempt.lease.commentId !== undefined) return true;
  if (!attempt.earlier) return false;
  const id = await findPosted(attempt, attempt.earlier.since).catch(() => null);
  if (id === null) return undefined;
  if (id === undefined) return false;
  await learnComment(attempt, id);
  return true;
}

/** Posts the customer's comment unless an attempt already did; afterwards `lease.commentId` is set. */
export async function postCommentOnce(attempt: Attempt, body: string): Promise<void> {
  // Already known posted, or found by a look when an earlier attempt may have posted it.
  const posted = await commentPosted(attempt);
  if (posted === true) return;
  if (posted === undefined) {
    await release(attempt);
    throw new AppError('JIRA_UNAVAILABLE', 'error.OUTCOME_UNKNOWN');
  }
  const startedAt = Date.now();
  let failure: unknown;
  try {
    const comment = await attempt.jira.addPublicComment(attempt.issueKey, body, [commentMark(attempt.mark)]);
    await learnComment(attempt, comment.id);
    return;
  } catch (error) {
    failure = error;
    logJiraFailure(error);
    if (refused(error)) {
      await release(attempt);
      throw error;
    }
  }
  // The comment may have been saved all the same: look, if there is time.
  let found: string | undefined | null = null;
  if (attempt.deadline.allows(CHECK_MS)) found = await findPosted(attempt, startedAt).catch(() => null);
  if (found) {
    await learnComment(attempt, found);
    return;
  }
  if (found === undefined && !mayBeInFlight(failure)) {
    // Jira's processing is over and the comment is not there: nothing was saved.
    await release(attempt);
    throw new AppError('JIRA_UNAVAILABLE');
  }
  // It may still land: the lease stays held until this invocation's end and the grace after it, so
  // no retry posts while it may; the retry then looks for it.
  throw new AppError('JIRA_UNAVAILABLE', 'error.OUTCOME_UNKNOWN');
}

export interface TransitionContext {
  /** The audit record as last read, to append to. */
  audit: unknown;
  /** The transition's name, for the issue history. */
  name: string;
  displayName: string;
  perform: (extras: {
    properties: { key: string; value: unknown }[];
    historyMetadata: {
      type: string;
      activityDescription: string;
      actor: { id: string; displayName: string; type: string };
    };
  }) => Promise<boolean>;
}

/** Makes the transition with the audit record in the same request; returns once it is proven made. */
export async function transitionOnce(
  attempt: Attempt,
  record: AuditRecord,
  context: TransitionContext,
): Promise<void> {
  const saved = attempt.lease.commentId !== undefined;
  const log = appendAudit(isAuditLog(context.audit) ? context.audit : undefined, record);
  let error: unknown;
  // The status moved on: Jira no longer offers the transition, or refused it as the workflow now stands.
  let movedOn: boolean;
  try {
    const made = await context.perform({
      properties: [{ key: AUDIT_PROPERTY_KEY, value: log }],
      historyMetadata: {
        type: 'guide-des-statuts:customer-action',
        activityDescription: context.name,
        actor: { id: record.accountId, displayName: context.displayName, type: 'customer' },
      },
    });
    if (made) return;
    movedOn = true;
  } catch (caught) {
    error = caught;
    logJiraFailure(caught);
    movedOn = caught instanceof JiraError && (caught.kind === 'bad-request' || caught.kind === 'conflict');
  }
  if (movedOn) {
    await release(attempt);
    throw new AppError('NOT_AVAILABLE', saved ? 'error.NOT_AVAILABLE_COMMENT_SAVED' : undefined);
  }
  if (refused(error)) {
    await release(attempt);
    if (saved) throw new AppError('JIRA_UNAVAILABLE', 'error.COMMENT_SAVED_STATUS_UNCHANGED');
    throw error;
  }
  const unknown = new AppError(
    'JIRA_UNAVAILABLE',
    saved ? 'error.COMMENT_SAVED_STATUS_UNKNOWN' : 'error.OUTCOME_UNKNOWN',
  );
  // The transition may have been made, with its audit record, all the same: look, if there is time.
  let audit: unknown = null;
  if (attempt.deadline.allows(CHECK_MS))
    audit = await attempt.jira
      .getIssueProperty<unknown>(attempt.issueKey, AUDIT_PROPERTY_KEY)
      .catch(() => null);
  if (auditRecordOf(audit, record.submissionId)) return;
  if (audit === null || mayBeInFlight(error)) throw unknown;
  await release(attempt);
  throw saved
    ? new AppError('JIRA_UNAVAILABLE', 'error.COMMENT_SAVED_STATUS_UNCHANGED')
    : new AppError('JIRA_UNAVAILABLE');
}

export function statusOf(key: StatusKey, since: number): RequestStatusView {
  const status = getStatus(key);
  return {
    key,
    name: status.name,
    category: status.category,
    responseRequired: status.customerMustAct,
    since: new Date(since).toISOString(),
  };
}

/**
 * The status to answer once the work is known done at `doneAt`: the request as read, when it is
 * already there or has moved on since; else the action's target status (the read came first).
 */
export function doneStatus(current: RequestStatusView, to: StatusKey, doneAt: number): RequestStatusView {
  if (current.key === to) return current;
  const since = current.since ? Date.parse(current.since) : Number.NaN;
  if (since > doneAt) return current;
  return statusOf(to, Number.isFinite(doneAt) ? doneAt : Date.now());
}
