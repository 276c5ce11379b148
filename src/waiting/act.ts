/**
 * What the scan does to one waiting request once something is due: a reminder, or the outcome. Each
 * first reads the request as it is now (an agent may have moved it since the search), then claims,
 * then acts, then records: the customer never gets a second reminder, and the outcome is made once.
 */
import { getTranslator, type Locale, type Translate } from '../i18n';
import type { JiraClient } from '../jira/client';
import type { Deadline } from '../jira/deadline';
import { JiraError } from '../jira/errors';
import type { CustomerRequest, JsmRequestStatus } from '../jira/types';
import { safePortalUrl } from '../notifications/mail';
import { WAITING_OUTCOME_HISTORY_TYPE } from '../notifications/own-change';
import { currentStatusKey } from '../portal/current-status';
import { TooManyRecentComments } from '../portal/comment-mark';
import { lookUpTransitionId, performTransition, type WantedTransition } from '../portal/transitions';
import type { ProjectWorkflowConfig } from '../shared/project-config';
import { getTransition } from '../workflow';
import { AUDIT_PROPERTY_KEY, waitingRecords, withRecord, type WaitingAuditRecord } from './audit';
import {
  claimOnce,
  claimOutcomeAttempt,
  markClaim,
  outcomeMailClaimKey,
  releaseClaim,
  reminderClaimKey,
} from './claims';
import {
  composeOutcomeMail,
  composeReminder,
  formatDate,
  outcomeComment,
  type RequestFacts,
} from './messages';
import { findOutcomeComment, outcomeMark } from './outcome-mark';
import { OUTCOMES, type Outcome, type WaitingRules } from './rules';
import type { Schedule } from './schedule';
import type { WaitingRequest } from './waiting-requests';

export interface ActContext {
  jira: JiraClient;
  deadline: Deadline;
  clock: () => number;
  rules: WaitingRules;
  config: ProjectWorkflowConfig | null;
  /** Reporters' languages, read once per run. */
  locales: Map<string, Locale>;
}

/**
 * What an action did not do, and why: done before (its claim was taken by an earlier run), the
 * request moved on (left the status, or in another stay), another run busy with it, or refused
 * (by Jira, for want of a reporter or a transition, or after too many attempts).
 */
export type SkippedOutcome = 'done-before' | 'moved-on' | 'busy' | 'refused';
export type ActOutcome = 'reminded' | 'decided' | SkippedOutcome;

/** A JSM status date and the changelog's may differ by a little; a new stay is minutes apart at least. */
const SAME_ENTRY_MS = 60_000;

type WaitingNow = CustomerRequest & { currentStatus: JsmRequestStatus };

/** The request as it is now, if it is still in the same stay in the status. */
async function stillWaiting(ctx: ActContext, req: WaitingRequest): Promise<WaitingNow | null> {
  const request = await ctx.jira.getCustomerRequest(req.issueKey);
  // Optional in the spec: a request whose status JSM does not give is not known to be waiting.
  const current = request.currentStatus;
  if (!current || Math.abs(current.statusDate.epochMillis - req.enteredAt) > SAME_ENTRY_MS) return null;
  return (await currentStatusKey(ctx.jira, request)) === req.status
    ? { ...request, currentStatus: current }
    : null;
}

async function translatorFor(
  ctx: ActContext,
  accountId: string | null,
): Promise<{ t: Translate; locale: Locale }> {
  if (!accountId) return getTranslator(undefined);
  let raw: string | undefined = ctx.locales.get(accountId);
  if (raw === undefined) {
    raw = await ctx.jira.getUser(accountId).then(
      (u) => u.locale,
      (error: unknown) => {
        if (error instanceof JiraError && !error.isTransient) return undefined;
        throw error;
      },
    );
  }
  const translator = await getTranslator(raw);
  ctx.locales.set(accountId, translator.locale);
  return translator;
}

function factsOf(req: WaitingRequest, request: WaitingNow): RequestFacts {
  return {
    issueKey: req.issueKey,
    summary: request.summary ?? '',
    statusName: request.currentStatus.status,
    status: req.status,
    portalUrl: safePortalUrl(request._links?.web),
  };
}

/** Rethrown: the run stops (429 after the client's retries, or the deadline); anything else is this request's. */
function stopsTheRun(error: unknown): boolean {
  return error instanceof JiraError && (error.kind === 'rate-limited' || error.kind === 'timeout');
}

/** The audit record on the issue already shows reminder `n` (or a later one) of this stay. */
export function remindedBefore(req: WaitingRequest, n: number): boolean {
  // Of the scan's records, only a reminder's carries a number.
  return waitingRecords(req.audit, req.entry).some((r) => (r.n ?? 0) >= n);
}

/**
 * The issue's audit record as it is now, read again right before the scan writes its own: the
 * property is written whole, so appending to the copy the search read would drop a customer action
 * recorded since. Jira offers no conditional write of an issue property; this leaves only the
 * moments between this read and the write.
 */
function latestAudit(ctx: ActContext, req: WaitingRequest): Promise<unknown> {
  return ctx.jira.getIssueProperty<unknown>(req.issueKey, AUDIT_PROPERTY_KEY);
}

/** Reminder `n`, which the audit record does not show sent (the scan checked: remindedBefore). */
export async function remind(
  ctx: ActContext,
  req: WaitingRequest,
  n: number,
  schedule: Schedule,
): Promise<ActOutcome> {
  const request = await stillWaiting(ctx, req);
  if (!request) return 'moved-on';
  // The spec makes the reporter optional. Their language is read before the claim: a Jira failure
  // here leaves the reminder to the next run, not claimed and never sent.
  const reporter = request.reporter?.accountId;
  const translator = reporter ? await translatorFor(ctx, reporter) : null;
  const key = reminderClaimKey(req.issueId, req.entry, n);
  if (!(await claimOnce(key, ctx.clock(), ctx.deadline))) return 'done-before';
  if (!translator) {
    // No one to remind: said once, the claim refused so that later runs pass it by.
    await markClaim(key, 'refused', ctx.clock(), ctx.deadline);
    console.warn(`waiting-scan: ${req.issueKey} has no reporter to remind`);
    return 'refused';
  }
  const { t, locale } = translator;
  const outcome = schedule.outcome;
  const deadline = outcome
    ? { at: formatDate(outcome.at, locale, ctx.rules.timeZone), outcome: outcome.outcome }
    : null;
  try {
    await ctx.jira.notify(req.issueKey, {
      ...composeReminder(t, factsOf(req, request), deadline),
      to: { reporter: true },
    });
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    // Refused before it was applied (429): free the claim for the next run. A 5xx or a timeout may
    // have been sent: the claim stays, at most once.
    if (error.kind === 'rate-limited') await releaseClaim(key, ctx.deadline);
    else await markClaim(key, error.isTransient ? 'claimed' : 'refused', ctx.clock(), ctx.deadline);
    if (stopsTheRun(error)) throw error;
    console.warn(
      `waiting-scan: Jira refused the reminder for ${req.issueKey}: ${error.status ?? '-'} ${error.kind}`,
    );
    return 'refused';
  }
  const record: WaitingAuditRecord = {
    kind: 'waiting',
    at: new Date(ctx.clock()).toISOString(),
    action: 'reminder',
    from: req.status,
    entry: req.entry,
    n,
    submissionId: key,
  };
  await markClaim(key, 'done', ctx.clock(), ctx.deadline);
  // The audit record is bookkeeping: the claim, not it, keeps the reminder from going twice. Not
  // written when it cannot be read again (rather than overwrite what it holds).
  await latestAudit(ctx, req)
    .then(async (latest) => {
      req.audit = withRecord(latest, record);
      await ctx.jira.setIssueProperty(req.issueKey, AUDIT_PROPERTY_KEY, req.audit);
    })
    .catch((error: unknown) => {
      if (stopsTheRun(error)) throw error;
    });
  return 'reminded';
}

/** The outcome's transition, told by its name and target (the target's id when the installer recorded it). */
function wantedOutcome(ctx: ActContext, req: WaitingRequest): WantedTransition {
  const { transition, to } = OUTCOMES[req.status];
  const targetStatusId = ctx.config?.statuses[to];
  return {
    transition: { name: getTransition(transition).name, to },
    ...(targetStatusId ? { targetStatusId } : {}),
  };
}

/** The outcome due: the request's stay ends with its transition, a public comment and an e-mail. */
export async function decide(
  ctx: ActContext,
  req: WaitingRequest,
  due: { at: number; outcome: Outcome },
): Promise<ActOutcome> {
  const request = await stillWaiting(ctx, req);
  if (!request) return 'moved-on';
  const attempt = await claimOutcomeAttempt(req.issueId, req.entry, ctx.clock(), ctx.deadline);
  if (attempt.kind !== 'claimed') {
    if (attempt.kind === 'exhausted')
      console.warn(`waiting-scan: ${req.issueKey}: the outcome failed too many times, no more attempts`);
    return attempt.kind === 'busy' ? 'busy' : 'refused';
  }
  const { transition, to } = OUTCOMES[req.status];
  const wanted = wantedOutcome(ctx, req);
  // The recorded id, else the one Jira offers now: looked for before the comment, so a project
  // without the transition gets no comment either.
  const id =
    ctx.config?.transitions[transition] ?? (await lookUpTransitionId(ctx.jira, req.issueKey, wanted));
  if (!id) {
    // Free for a later run: once the installer has added the transition, the outcome is made.
    await releaseClaim(attempt.key, ctx.deadline);
    console.warn(`waiting-scan: ${req.issueKey} has no "${transition}" transition: run the installer`);
    return 'refused';
  }
  const { t, locale } = await translatorFor(ctx, request.reporter?.accountId ?? null);
  const tz = ctx.rules.timeZone;
  const text = outcomeComment(
    t,
    due.outcome,
    formatDate(req.enteredAt, locale, tz),
    formatDate(due.at, locale, tz),
  );
  const mark = outcomeMark(req.issueId, req.entry);
  // A later attempt first looks for the comment an earlier one may have posted.
  let earlier: string | undefined;
  try {
    earlier =
      attempt.n > 1 ? await findOutcomeComment(ctx.jira, req.issueKey, mark.value, req.enteredAt) : undefined;
  } catch (error) {
    if (!(error instanceof TooManyRecentComments)) throw error;
    // Whether the comment was posted cannot be told: no second one, no more attempts.
    await markClaim(attempt.key, 'refused', ctx.clock(), ctx.deadline);
    console.warn(`waiting-scan: ${req.issueKey}: too many comments to tell whether the outcome was posted`);
    return 'refused';
  }
  const commentId = earlier ?? (await ctx.jira.addPublicComment(req.issueKey, text, [mark])).id;
  const record: WaitingAuditRecord = {
    kind: 'waiting',
    at: new Date(ctx.clock()).toISOString(),
    action: transition,
    from: req.status,
    to,
    entry: req.entry,
    submissionId: attempt.key,
    commentId,
  };
  // An id Jira refuses (the workflow edited by hand since the install) is looked up again once.
  const audit = await latestAudit(ctx, req);
  await performTransition(ctx.jira, req.issueKey, wanted, id, {
    properties: [{ key: AUDIT_PROPERTY_KEY, value: withRecord(audit, record) }],
    historyMetadata: { type: WAITING_OUTCOME_HISTORY_TYPE, activityDescription: 'Guide des statuts' },
  });
  await markClaim(attempt.key, 'done', ctx.clock(), ctx.deadline);
  // The e-mail that announces it, once (the status e-mail trigger leaves the app's own change alone).
  const mailKey = outcomeMailClaimKey(req.issueId, req.entry);
  if (request.reporter?.accountId && (await claimOnce(mailKey, ctx.clock(), ctx.deadline))) {
    const mail = composeOutcomeMail(t, factsOf(req, request), due.outcome, text);
    // Once the request has left the status no later run sees it: a refused e-mail is logged, not retried.
    await ctx.jira.notify(req.issueKey, { ...mail, to: { reporter: true } }).catch((error: unknown) => {
      if (!(error instanceof JiraError)) throw error;
      console.warn(
        `waiting-scan: Jira refused the outcome e-mail for ${req.issueKey}: ${error.status ?? '-'} ${error.kind}`,
      );
    });
  }
  return 'decided';
}
