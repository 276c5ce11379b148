/**
 * The outcome scheduled for a request, for the portal (`status.deadline`) and the agent view: from
 * the project's rules (Forge storage, no Jira request) and when the request entered its status,
 * which the JSM request already says (`currentStatus.statusDate`).
 */
import type { StatusKey } from '../workflow';
import { WAITING_STATUSES, type Outcome } from './rules';
import { scheduleFor, type Schedule } from './schedule';
import { readStoredRules } from './store';

export interface StatusDeadline {
  /** ISO 8601 instant. */
  at: string;
  outcome: Outcome;
}

/** The schedule of a request in `status` since `enteredAt`, or null when its project's rules plan nothing. */
export async function scheduleOf(
  projectKey: string,
  status: StatusKey | null,
  enteredAt: number | undefined,
): Promise<Schedule | null> {
  const waiting = WAITING_STATUSES.find((s) => s === status);
  if (!waiting || enteredAt === undefined) return null;
  const stored = await readStoredRules(projectKey);
  if (!stored) return null;
  return scheduleFor(stored.rules, stored.since[waiting], waiting, enteredAt);
}

export async function deadlineOf(
  projectKey: string,
  status: StatusKey | null,
  enteredAt: number | undefined,
): Promise<StatusDeadline | null> {
  const outcome = (await scheduleOf(projectKey, status, enteredAt))?.outcome;
  return outcome ? { at: new Date(outcome.at).toISOString(), outcome: outcome.outcome } : null;
}
