/**
 * The `waitingScan` scheduled function (manifest: `scheduledTrigger`, interval `hour`): in each project
 * with rules, finds the requests waiting on the customer, sends the reminders due and applies the
 * outcomes due, each once (see act.ts and claims.ts).
 *
 * Bounded: one wall-clock deadline for the run (src/jira/deadline.ts), from the runtime's remaining
 * time, else the scheduled function's 55 s
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/: "the
 * default of 55 seconds"); and at most MAX_ACTIONS_PER_RUN actions. A run that stops early records
 * where it was (the project and the search page) and the next run resumes there; what was done is
 * skipped by its claims and audit records, so resuming repeats nothing.
 *
 * Within Jira's rate limits (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/: an
 * hourly points quota, per-second limits per endpoint, per-issue write limits): requests are sent one
 * at a time, a waiting request with nothing due costs no request beyond its share of a search page
 * (100 per page), an action makes 4 to 8 requests (a taken-over outcome reads a page of comments
 * more per 50 new ones; a refused recorded transition id costs a lookup and a second try), each
 * request writes to an issue at most three times, and a 429 that outlasts the client's bounded
 * retries stops the run.
 */
import { kvs } from '@forge/kvs';
import { JiraClient } from '../jira/client';
import { Deadline, DeadlineExceeded } from '../jira/deadline';
import { JiraError } from '../jira/errors';
import { mayWrite } from '../shared/license';
import { getProjectConfig } from '../shared/project-config';
import { decide, remind, remindedBefore, type ActContext, type ActOutcome, type SkippedOutcome } from './act';
import { isActive } from './rules';
import { dueAt, scheduleFor } from './schedule';
import { projectsWithRules } from './store';
import { searchWaiting } from './waiting-requests';

export const SCHEDULED_LIMIT_MS = 55_000;
/** Actions (reminders and outcomes) per run; more wait for the next hour's run. */
export const MAX_ACTIONS_PER_RUN = 60;
/** Time kept for one action (usually up to 8 Jira requests, each aborted at the deadline) or one search page. */
const ACTION_MS = 4_000;
const CURSOR_KEY = 'waiting-scan:cursor';

interface Cursor {
  projectKey: string;
  nextPageToken?: string;
}

export interface ScanSummary {
  projects: number;
  examined: number;
  reminded: number;
  decided: number;
  /** The actions due that did nothing, by why (act.ts), so operators see what is left waiting. */
  skipped: Record<SkippedOutcome, number>;
  /** Actions that failed for a Jira error of their request (logged; the next run tries again). */
  failed: number;
  /** Every project was scanned to its last page. */
  complete: boolean;
  stoppedBecause?: 'deadline' | 'budget' | 'rate-limited';
}

export interface ScanOptions {
  clock?: () => number;
  deadline?: Deadline;
  jira?: JiraClient;
}

class Stop extends Error {
  constructor(readonly because: NonNullable<ScanSummary['stoppedBecause']>) {
    super(because);
  }
}

function stopFor(error: unknown): Stop | null {
  if (error instanceof DeadlineExceeded) return new Stop('deadline');
  if (error instanceof JiraError && error.kind === 'timeout') return new Stop('deadline');
  if (error instanceof JiraError && error.kind === 'rate-limited') return new Stop('rate-limited');
  return null;
}

export async function runWaitingScan(options: ScanOptions = {}): Promise<ScanSummary> {
  const clock = options.clock ?? Date.now;
  const deadline = options.deadline ?? Deadline.forInvocation(clock, SCHEDULED_LIMIT_MS);
  const jira = options.jira ?? new JiraClient('app', { deadline });
  const summary: ScanSummary = {
    projects: 0,
    examined: 0,
    reminded: 0,
    decided: 0,
    skipped: { 'done-before': 0, 'moved-on': 0, busy: 0, refused: 0 },
    failed: 0,
    complete: false,
  };
  const projects = (await deadline.run('storage query', () => projectsWithRules())).filter((p) =>
    isActive(p.stored.rules),
  );
  summary.projects = projects.length;
  const cursor = await deadline.run('storage get', () => kvs.get<Cursor>(CURSOR_KEY));
  const first = Math.max(
    0,
    projects.findIndex((p) => p.projectKey === cursor?.projectKey),
  );
  const locales: ActContext['locales'] = new Map();
  let at: Cursor | null = null;
  let actions = 0;
  try {
    for (const { projectKey, stored } of projects.slice(first)) {
      at = { projectKey };
      // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded, which stops the run whatever it names
      const config = await deadline.run('storage get', () => getProjectConfig(projectKey));
      const ctx: ActContext = { jira, deadline, clock, rules: stored.rules, config, locales };
      let token = projectKey === cursor?.projectKey ? cursor.nextPageToken : undefined;
      do {
        at = { projectKey, ...(token ? { nextPageToken: token } : {}) };
        if (!deadline.allows(ACTION_MS)) throw new Stop('deadline');
        const page = await searchWaiting(jira, projectKey, config, token).catch((error: unknown) => {
          // A page token Jira no longer knows (they expire after 7 days): start the project again.
          if (token && error instanceof JiraError && error.kind === 'bad-request')
            return searchWaiting(jira, projectKey, config, undefined);
          throw error;
        });
        // Not in a waiting status after all (by the recorded id), or its entry beyond the changelog Jira returned.
        if (page.skipped > 0)
          console.warn(`waiting-scan: ${projectKey}: ${page.skipped} request(s) skipped, entry unknown`);
        for (const req of page.requests) {
          summary.examined++;
          const schedule = scheduleFor(stored.rules, stored.since[req.status], req.status, req.enteredAt);
          const due = dueAt(schedule, clock());
          // What the audit record shows done costs neither an action nor a request.
          if (!due || (due.kind === 'reminder' && remindedBefore(req, due.n))) continue;
          if (actions >= MAX_ACTIONS_PER_RUN) throw new Stop('budget');
          if (!deadline.allows(ACTION_MS)) throw new Stop('deadline');
          actions++;
          let outcome: ActOutcome;
          try {
            outcome =
              due.kind === 'outcome' ? await decide(ctx, req, due) : await remind(ctx, req, due.n, schedule);
          } catch (error) {
            const stop = stopFor(error);
            if (stop) throw stop;
            if (!(error instanceof JiraError)) throw error;
            // This request's trouble (gone, forbidden, a 5xx): logged, the next run tries again.
            summary.failed++;
            console.warn(
              `waiting-scan: ${req.issueKey} ${due.kind} failed: ${error.status ?? '-'} ${error.kind}`,
            );
            continue;
          }
          if (outcome === 'reminded') summary.reminded++;
          else if (outcome === 'decided') summary.decided++;
          else summary.skipped[outcome]++;
        }
        token = page.nextPageToken;
      } while (token);
    }
    summary.complete = true;
    // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded this catch swallows
    await deadline.run('storage delete', () => kvs.delete(CURSOR_KEY)).catch(() => undefined);
  } catch (error) {
    const stop = error instanceof Stop ? error : stopFor(error);
    if (!stop) throw error;
    summary.stoppedBecause = stop.because;
    // Outside the deadline: the answer reserve is there for this one write.
    if (at) await kvs.set(CURSOR_KEY, at).catch(() => undefined);
  }
  console.info(summaryLine(summary));
  return summary;
}

/** The run's one line for the operators: what was done, what was left and why, whether it stopped. */
export function summaryLine(s: ScanSummary): string {
  const left = s.skipped;
  return (
    `waiting-scan: ${s.projects} project(s), ${s.examined} waiting, ${s.reminded} reminded, ${s.decided} decided; ` +
    `left: ${left['done-before']} done before, ${left['moved-on']} moved on, ${left.busy} busy, ` +
    `${left.refused} refused, ${s.failed} failed` +
    (s.stoppedBecause ? `; stopped (${s.stoppedBecause})` : '')
  );
}

/** What a scheduled function answers (https://developer.atlassian.com/platform/forge/function-reference/scheduled-trigger/). */
export interface ScheduledTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

/**
 * The platform's handler: `(request, context)`. It answers the response object the platform
 * expects of a scheduled trigger ("your function must return a response in the format expected by
 * the platform … otherwise … 424 Failed dependency"), 200 also when the run stopped early (the next
 * run resumes), 500 when it failed.
 */
export async function waitingScanTrigger(
  _request?: unknown,
  context?: unknown,
): Promise<ScheduledTriggerResponse> {
  const headers = { 'Content-Type': ['application/json'] };
  // A scheduled function's context has `license` as every function's does (function arguments
  // reference, "Context is the same for all modules"); assumed, not documented for scheduled triggers
  // in particular. Under an inactive license: no reminder, no outcome, no storage write; 200 all the same.
  if (!mayWrite(context)) {
    console.info('waiting-scan: license not active, nothing done');
    return { statusCode: 200, headers, body: JSON.stringify({ skipped: 'unlicensed' }) };
  }
  try {
    const summary = await runWaitingScan();
    return { statusCode: 200, headers, body: JSON.stringify(summary) };
  } catch (error) {
    console.error(`waiting-scan: failed: ${error instanceof Error ? error.message : String(error)}`);
    return { statusCode: 500, headers, body: JSON.stringify({ error: 'scan failed' }) };
  }
}
