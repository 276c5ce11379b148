/**
 * The outcome's public comment carries, as a comment property set in the request that creates it,
 * the stay in the status it closes: a later attempt (after a run cut off between the comment and
 * the transition) finds it and posts no second one.
 */
import type { JiraClient } from '../jira/client';
import { findCommentWithProperty } from '../portal/comment-mark';

export const OUTCOME_MARK_KEY = 'guide-des-statuts.waiting-outcome';

export interface OutcomeMark {
  issueId: string;
  entry: string;
}

export function outcomeMark(issueId: string, entry: string): { key: string; value: OutcomeMark } {
  return {
    key: OUTCOME_MARK_KEY,
    value: { issueId, entry },
  };
}

function isMarkOf(value: unknown, mark: OutcomeMark): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as Partial<OutcomeMark>).issueId === mark.issueId &&
    (value as Partial<OutcomeMark>).entry === mark.entry
  );
}

/**
 * The id of the comment an earlier attempt posted for this stay, if any: the portal's paged search of
 * the comments created since the stay began (two Jira reads usually, a page more per 50 newer comments).
 */
export async function findOutcomeComment(
  jira: JiraClient,
  issueKey: string,
  mark: OutcomeMark,
  since: number,
): Promise<string | undefined> {
  const found = await findCommentWithProperty(
    jira,
    issueKey,
    OUTCOME_MARK_KEY,
    (value) => isMarkOf(value, mark),
    since,
  );
  return found?.id;
}
