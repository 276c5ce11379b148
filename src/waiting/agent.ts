/**
 * What the agent view shows of the waiting rules on one request: the reminders sent during this stay
 * in the status (from the audit record), the next one and the outcome planned (from the rules). From
 * the issue the agent view already reads (status, changelog, audit record): no Jira request more.
 */
import type { IssueBean } from '../jira/types';
import { projectKeyOf } from '../portal/current-status';
import type { StatusKey } from '../workflow';
import { AUDIT_PROPERTY_KEY, waitingRecords } from './audit';
import { scheduleOf, type StatusDeadline } from './deadline';
import { entryOf } from './waiting-requests';

export interface AgentWaiting {
  remindersSent: { n: number; at: string }[];
  /** ISO 8601; null when no more reminder is planned. */
  nextReminder: string | null;
  outcome: StatusDeadline | null;
}

export async function waitingForAgent(
  issue: IssueBean,
  status: StatusKey | null,
  now: number,
): Promise<AgentWaiting | null> {
  const entry = entryOf(issue);
  const schedule = await scheduleOf(projectKeyOf(issue.key), status, entry?.at);
  if (!entry || !schedule) return null;
  const sent = waitingRecords(issue.properties?.[AUDIT_PROPERTY_KEY], entry.entry)
    .filter((r) => r.action === 'reminder')
    .map((r) => ({ n: r.n ?? 0, at: r.at }));
  const last = Math.max(0, ...sent.map((r) => r.n));
  const next = schedule.reminders.find((r) => r.n > last && r.at > now);
  return {
    remindersSent: sent,
    nextReminder: next ? new Date(next.at).toISOString() : null,
    outcome: schedule.outcome && {
      at: new Date(schedule.outcome.at).toISOString(),
      outcome: schedule.outcome.outcome,
    },
  };
}
