/**
 * Performs a customer action on the customer's behalf: a public comment with their words, then the
 * transition, then the audit record. The order and the ledger guarantee the promises made to the
 * customer: if the comment cannot be posted nothing is transitioned; if the transition fails after
 * the comment, a retry does not post it again; the same submission twice does the work once.
 *
 * Jira requests on the usual path: read the request, read the audit record, post the comment (as
 * plain-text ADF, so nothing the customer types is read as markup), transition (with the audit
 * record written in the same request): 4.
 */
import { getTranslator } from '../i18n';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import type { CustomerRequest, JsmUser } from '../jira/types';
import { AppError } from '../shared/errors';
import {
  checkComment,
  getCustomerTransition,
  getStatus,
  isActionAvailable,
  type CustomerActionId,
  type StatusKey,
} from '../workflow';
import { isReporterOrParticipant } from './access';
import { AUDIT_PROPERTY_KEY, appendAudit, auditRecordOf, isAuditLog, type AuditLog } from './audit';
import type { ActionPayload } from './payload';
import { requestStatusView, type RequestStatusView } from './current-status';
import {
  STALE_CLAIM_MS,
  claimSubmission,
  readSubmission,
  recordSubmission,
  releaseSubmission,
  submissionKey,
  type Submission,
} from './submissions';
import { performCustomerTransition } from './transitions';

export interface ActionResult {
  status: RequestStatusView;
}

export interface ActionDeps {
  jira: JiraClient;
  now?: () => Date;
}

function displayNameOf(request: CustomerRequest, accountId: string): string {
  const people: (JsmUser | undefined)[] = [request.reporter, ...(request.participants?.values ?? [])];
  return people.find((p) => p?.accountId === accountId)?.displayName ?? accountId;
}

/**
 * The comment as posted: who wrote it (the app is the author in Jira) and with which portal button,
 * in the customer's language, then their words untouched.
 */
async function commentBody(
  locale: string | undefined,
  name: string,
  action: CustomerActionId,
  text: string,
): Promise<string> {
  const { t } = await getTranslator(locale);
  return `${t('comment.attribution', { name, action: t(`action.${action}.label`) })}\n\n${text}`;
}

export async function performCustomerAction(
  deps: ActionDeps,
  issueKey: string,
  caller: string,
  input: ActionPayload,
): Promise<ActionResult> {
  const { jira } = deps;
  const now = deps.now ?? (() => new Date());
  const transition = getCustomerTransition(input.action);

  // Validation first: a refused input writes nothing and costs no Jira request.
  const problem = checkComment(transition.comment, input.comment);
  if (problem === 'COMMENT_TOO_LONG')
    throw new AppError(problem, undefined, { max: transition.comment.maxLength });
  if (problem) throw new AppError(problem);
  const text = input.comment !== undefined && input.comment.trim() !== '' ? input.comment : undefined;

  const [request, audit] = await Promise.all([
    jira.getCustomerRequest(issueKey),
    jira.getIssueProperty<unknown>(issueKey, AUDIT_PROPERTY_KEY),
  ]);
  if (!(await isReporterOrParticipant(jira, request, caller))) throw new AppError('NOT_ALLOWED');

  const ledgerKey = submissionKey(issueKey, input.submissionId);
  const previous = await readSubmission(ledgerKey);
  if (previous && (previous.accountId !== caller || previous.action !== input.action))
    throw new AppError('INVALID_INPUT');
  const current = await requestStatusView(jira, request);
  if (previous?.state === 'done') return { status: current };
  const earlier = auditRecordOf(audit, input.submissionId);
  if (earlier) {
    // Done by an earlier invocation that ended (a timeout) before noting it in the ledger.
    if (earlier.accountId !== caller || earlier.action !== input.action) throw new AppError('INVALID_INPUT');
    if (previous) await recordSubmission(ledgerKey, { ...previous, state: 'done' }).catch(() => undefined);
    return { status: current };
  }

  const commentSaved = previous?.state === 'commented';
  if (current.key === null || !isActionAvailable(input.action, current.key)) {
    throw commentSaved
      ? new AppError('NOT_AVAILABLE', 'error.NOT_AVAILABLE_COMMENT_SAVED')
      : new AppError('NOT_AVAILABLE');
  }
  const from = current.key;

  // Held by an invocation still running: claimed recently and not released (released claims have claimedAt 0).
  const isLive = (s: Submission | undefined): boolean =>
    s !== undefined && s.claimedAt > 0 && now().getTime() - s.claimedAt < STALE_CLAIM_MS;
  let submission: Submission = {
    ...(previous ?? { state: 'claimed', accountId: caller, action: input.action }),
    claimedAt: now().getTime(),
  };
  if (isLive(previous) || !(await claimSubmission(ledgerKey, submission, previous !== undefined))) {
    // The same submission is being handled right now (a double click, a retry after a timeout):
    // wait for that invocation rather than doing the work twice.
    return { status: await awaitOtherInvocation(ledgerKey, transition.to, now) };
  }

  if (text !== undefined && submission.state === 'claimed') {
    try {
      const body = await commentBody(input.locale, displayNameOf(request, caller), input.action, text);
      const comment = await jira.addPublicComment(issueKey, body);
      submission = { ...submission, state: 'commented', commentId: comment.id };
      await recordSubmission(ledgerKey, submission);
    } catch (error) {
      if (submission.state === 'claimed') await releaseSubmission(ledgerKey).catch(() => undefined);
      throw error;
    }
  }

  const saved = submission.state === 'commented';
  try {
    const record = {
      at: now().toISOString(),
      accountId: caller,
      action: input.action,
      from,
      to: transition.to,
      submissionId: input.submissionId,
      ...(submission.commentId ? { commentId: submission.commentId } : {}),
    };
    const log: AuditLog = appendAudit(isAuditLog(audit) ? audit : undefined, record);
    const transitioned = await performCustomerTransition(jira, issueKey, input.action, {
      properties: [{ key: AUDIT_PROPERTY_KEY, value: log }],
      historyMetadata: {
        type: 'guide-des-statuts:customer-action',
        activityDescription: transition.name,
        actor: { id: caller, displayName: displayNameOf(request, caller), type: 'customer' },
      },
    });
    if (!transitioned)
      throw new AppError('NOT_AVAILABLE', saved ? 'error.NOT_AVAILABLE_COMMENT_SAVED' : undefined);
  } catch (error) {
    // Free the submission for a retry; once the comment is posted, remember it so it is not posted again.
    const release = saved
      ? recordSubmission(ledgerKey, { ...submission, claimedAt: 0 })
      : releaseSubmission(ledgerKey);
    await release.catch(() => undefined);
    throw translateTransitionFailure(error, saved);
  }
  await recordSubmission(ledgerKey, { ...submission, state: 'done' });

  return { status: statusOf(transition.to, now()) };
}

/** How long a duplicate waits for the invocation that holds the submission, polling storage only. */
const DUPLICATE_WAIT_MS = 5_000;
const DUPLICATE_POLL_MS = 250;

async function awaitOtherInvocation(key: string, to: StatusKey, now: () => Date): Promise<RequestStatusView> {
  for (let waited = 0; waited < DUPLICATE_WAIT_MS; waited += DUPLICATE_POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_POLL_MS));
    const other = await readSubmission(key);
    if (other?.state === 'done') return statusOf(to, now());
    if (other === undefined) break;
  }
  throw new AppError('JIRA_UNAVAILABLE');
}

function statusOf(key: StatusKey, since: Date): RequestStatusView {
  const status = getStatus(key);
  return {
    key,
    name: status.name,
    category: status.category,
    responseRequired: status.customerMustAct,
    since: since.toISOString(),
  };
}

/** A refused transition means the status moved on meanwhile; anything else is Jira being unavailable. */
function translateTransitionFailure(error: unknown, commentSaved: boolean): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof JiraError && (error.kind === 'bad-request' || error.kind === 'conflict')) {
    return new AppError('NOT_AVAILABLE', commentSaved ? 'error.NOT_AVAILABLE_COMMENT_SAVED' : undefined);
  }
  if (commentSaved) return new AppError('JIRA_UNAVAILABLE', 'error.COMMENT_SAVED_STATUS_UNCHANGED');
  return error;
}
