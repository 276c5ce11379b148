/**
 * What rules would do to the requests waiting now, before they are saved: per waiting status, how
 * many requests wait, how many will be reminded and from when, how many will be decided without an
 * answer and from when. A request already waiting starts its clock at the save (taken as now).
 * Read as the administrator: one search page per 100 waiting requests, at most 10 pages.
 */
import type { JiraClient } from '../jira/client';
import type { ProjectWorkflowConfig } from '../shared/project-config';
import { OUTCOMES, WAITING_STATUSES, type Outcome, type WaitingRules, type WaitingStatus } from './rules';
import { scheduleFor } from './schedule';
import { sinceAfterSave, type StoredRules } from './store';
import { searchWaiting, type WaitingRequest } from './waiting-requests';

const MAX_PAGES = 10;

export interface StatusPreview {
  status: WaitingStatus;
  waiting: number;
  reminded: { count: number; first: string | null };
  decided: { count: number; first: string | null; outcome: Outcome };
}

export interface RulesPreview {
  statuses: StatusPreview[];
  /** More requests wait than the preview read. */
  partial: boolean;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function previewOf(
  requests: readonly WaitingRequest[],
  before: StoredRules | null,
  rules: WaitingRules,
  now: number,
): StatusPreview[] {
  const since = sinceAfterSave(before, rules, now);
  return WAITING_STATUSES.map((status) => {
    const mine = requests.filter((r) => r.status === status);
    const reminders: number[] = [];
    const outcomes: number[] = [];
    for (const r of mine) {
      const schedule = scheduleFor(rules, since[status], status, r.enteredAt);
      const next = schedule.reminders.find((x) => x.at > now)?.at;
      if (next !== undefined) reminders.push(next);
      if (schedule.outcome) outcomes.push(schedule.outcome.at);
    }
    return {
      status,
      waiting: mine.length,
      reminded: { count: reminders.length, first: reminders.length ? iso(Math.min(...reminders)) : null },
      decided: {
        count: outcomes.length,
        first: outcomes.length ? iso(Math.min(...outcomes)) : null,
        outcome: OUTCOMES[status].outcome,
      },
    };
  });
}

export async function previewRules(
  jira: JiraClient,
  projectKey: string,
  config: ProjectWorkflowConfig | null,
  before: StoredRules | null,
  rules: WaitingRules,
  now: number,
): Promise<RulesPreview> {
  const requests: WaitingRequest[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await searchWaiting(jira, projectKey, config, token);
    requests.push(...page.requests);
    token = page.nextPageToken;
  } while (token && ++pages < MAX_PAGES);
  return { statuses: previewOf(requests, before, rules, now), partial: token !== undefined };
}
