/**
 * Performs a customer action on the customer's behalf: a public comment with their words, then the
 * transition with the audit record written in the same request. Done once per `submissionId`,
 * whatever fails: before doing a step again, an attempt proves from Jira whether it was done (the
 * comment carries the submission as a property, the audit record names it), and the ledger lets one
 * attempt at a time work on it. Every answer says what really happened.
 *
 * Jira requests on the usual path: read the request, read the audit record, post the comment (as
 * plain-text ADF, so nothing the customer types is read as markup), transition: 4. A retry after an
 * attempt that may have posted adds 2 reads (the newest comments, then their properties).
 */
import { getTranslator } from '../i18n';
import { noteHolder } from '../privacy/registry';
import type { JiraClient } from '../jira/client';
import { AppError } from '../shared/errors';
import { checkComment, getCustomerTransition, isActionAvailable, type CustomerActionId } from '../workflow';
import { findReporterOrParticipant } from './access';
import {
  commentPosted,
  markDone,
  doneStatus,
  postCommentOnce,
  release,
  statusOf,
  transitionOnce,
  type Attempt,
} from './action-steps';
import { AUDIT_PROPERTY_KEY, auditRecordOf } from './audit';
import type { ActionPayload } from './payload';
import { requestStatusView, type RequestStatusView } from './current-status';
import { LEASE_GRACE_MS, claimSubmission, readLeases, type Lease } from './submissions';
import { performCustomerTransition } from './transitions';

export interface ActionResult {
  status: RequestStatusView;
}

export interface ActionDeps {
  jira: JiraClient;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** How long a duplicate waits for the attempt that holds the submission, and how often it looks. */
const DUPLICATE_WAIT_MS = 5_000;
const DUPLICATE_POLL_MS = 250;
/** What a claimed attempt needs at least to do its work; a duplicate stops waiting before. */
const WORK_MS = 4_000;

/** Who wrote it (the app is the author in Jira) and with which portal button, then their words. */
async function commentBody(
  locale: string | undefined,
  name: string,
  action: CustomerActionId,
  text: string,
): Promise<string> {
  const { t } = await getTranslator(locale);
  return `${t('comment.attribution', { name, action: t(`action.${action}.label`) })}\n\n${text}`;
}

function sameHolder(lease: Lease, caller: string, action: CustomerActionId): boolean {
  return lease.accountId === caller && lease.action === action;
}

export async function performCustomerAction(
  deps: ActionDeps,
  issueKey: string,
  caller: string,
  input: ActionPayload,
): Promise<ActionResult> {
  const { jira } = deps;
  const deadline = jira.deadline;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const transition = getCustomerTransition(input.action);

  // Validation first: a refused input writes nothing and costs no Jira request.
  const problem = checkComment(transition.comment, input.comment);
  if (problem === 'COMMENT_TOO_LONG')
    throw new AppError(problem, undefined, { max: transition.comment.maxLength });
  if (problem) throw new AppError(problem);
  const text = input.comment !== undefined && input.comment.trim() !== '' ? input.comment : undefined;

  const readAt = now();
  const [request, audit] = await Promise.all([
    jira.getCustomerRequest(issueKey),
    jira.getIssueProperty<unknown>(issueKey, AUDIT_PROPERTY_KEY),
  ]);
  // The caller as listed on the request, also on a later participants page: their name signs the comment.
  const customer = await findReporterOrParticipant(jira, request, caller);
  if (!customer) throw new AppError('NOT_ALLOWED');
  const current = await requestStatusView(jira, request);

  // Proof in Jira first: the transition was made for this submission.
  const recorded = auditRecordOf(audit, input.submissionId);
  if (recorded) {
    if (recorded.accountId !== caller || recorded.action !== input.action)
      throw new AppError('INVALID_INPUT');
    return { status: doneStatus(current, transition.to, Date.parse(recorded.at)) };
  }

  // The privacy registry learns the account before anything carrying it is written (best effort).
  await noteHolder(caller, issueKey, deadline);

  // One attempt at a time: claim the submission, or wait a little for the attempt that holds it.
  const mark = { submissionId: input.submissionId, accountId: caller, action: input.action };
  const holder = { accountId: caller, action: input.action, until: deadline.end };
  let attempt: Attempt | undefined;
  for (let waited = 0; attempt === undefined; waited += DUPLICATE_POLL_MS) {
    const leases = await readLeases(issueKey, input.submissionId, deadline).catch(() => {
      throw new AppError('JIRA_UNAVAILABLE');
    });
    if (leases.some((e) => !sameHolder(e.lease, caller, input.action))) throw new AppError('INVALID_INPUT');
    const claim = await claimSubmission(
      issueKey,
      input.submissionId,
      leases,
      { ...holder, now: now() },
      deadline,
    ).catch(() => {
      throw new AppError('JIRA_UNAVAILABLE');
    });
    if (claim.kind === 'done')
      return { status: doneStatus(current, transition.to, claim.latest.doneAt ?? now()) };
    if (claim.kind === 'exhausted') throw new AppError('JIRA_UNAVAILABLE', 'error.OUTCOME_UNKNOWN');
    if (claim.kind === 'claimed') {
      const first = claim.earlier[0]?.lease;
      attempt = {
        jira,
        issueKey,
        key: claim.key,
        lease: claim.lease,
        mark,
        earlier:
          first === undefined ? undefined : { since: first.claimedAt, lastUntil: lastUntil(claim.earlier) },
        deadline,
      };
      break;
    }
    // Held by an attempt still running (a double click, a retry sent while the first one works).
    if (waited >= DUPLICATE_WAIT_MS || !deadline.allows(DUPLICATE_POLL_MS + WORK_MS))
      throw new AppError('JIRA_UNAVAILABLE', 'error.IN_PROGRESS');
    await sleep(DUPLICATE_POLL_MS);
  }

  // An earlier attempt may have transitioned after this invocation read the audit record: read it again.
  let latestAudit = audit;
  // Stryker disable next-line EqualityOperator: read at the very millisecond the grace ends, both are right: nothing of the earlier attempt can land any more
  if (attempt.earlier && readAt < attempt.earlier.lastUntil + LEASE_GRACE_MS) {
    latestAudit = await jira.getIssueProperty<unknown>(issueKey, AUDIT_PROPERTY_KEY).catch(async () => {
      await release(attempt);
      throw new AppError('JIRA_UNAVAILABLE', 'error.OUTCOME_UNKNOWN');
    });
    const record = auditRecordOf(latestAudit, input.submissionId);
    if (record) {
      await markDone(attempt, now());
      return { status: doneStatus(current, transition.to, Date.parse(record.at)) };
    }
  }

  if (!isActionAvailable(input.action, current.key)) {
    // The status moved on: say whether an earlier attempt posted the comment, as the customer must know.
    const posted = text === undefined ? false : await commentPosted(attempt);
    await release(attempt);
    if (posted === undefined) throw new AppError('NOT_AVAILABLE', 'error.NOT_AVAILABLE_COMMENT_UNKNOWN');
    throw new AppError('NOT_AVAILABLE', posted ? 'error.NOT_AVAILABLE_COMMENT_SAVED' : undefined);
  }
  const displayName = customer.displayName ?? caller;
  if (text !== undefined) {
    await postCommentOnce(attempt, await commentBody(input.locale, displayName, input.action, text));
  }
  await transitionOnce(
    attempt,
    {
      at: new Date(now()).toISOString(),
      accountId: caller,
      action: input.action,
      from: current.key,
      to: transition.to,
      submissionId: input.submissionId,
      ...(attempt.lease.commentId ? { commentId: attempt.lease.commentId } : {}),
    },
    {
      audit: latestAudit,
      name: transition.name,
      displayName,
      perform: (extras) => performCustomerTransition(jira, issueKey, input.action, extras),
    },
  );
  await markDone(attempt, now());
  return { status: statusOf(transition.to, now()) };
}

/**
 * When the last attempt that may still have had a write in flight ended: only a lease left held
 * (its invocation ended without a word) counts; a released one had nothing in flight.
 */
function lastUntil(leases: { lease: Lease }[]): number {
  return Math.max(0, ...leases.filter((e) => e.lease.state === 'held').map((e) => e.lease.until));
}
