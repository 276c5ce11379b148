/**
 * The outcome's public comment carries, as a comment property set in the request that creates it,
 * the stay in the status it closes: a later attempt (after a run cut off between the comment and
 * the transition) finds it and posts no second one.
 */
import type { JiraClient } from '../jira/client';

export const OUTCOME_MARK_KEY = 'guide-des-statuts.waiting-outcome';
/** The newest comments searched: a request gains few comments in the minutes between two attempts. */
const SEARCHED = 50;

export interface OutcomeMark {
  issueId: string;
  entry: string;
}

export const outcomeMark = (issueId: string, entry: string): { key: string; value: OutcomeMark } => ({
  key: OUTCOME_MARK_KEY,
  value: { issueId, entry },
});

/** The id of the comment an earlier attempt posted for this stay, if any (one or two Jira reads). */
export async function findOutcomeComment(
  jira: JiraClient,
  issueKey: string,
  mark: OutcomeMark,
  since: number,
): Promise<string | undefined> {
  const latest = await jira.getLatestComments(issueKey, SEARCHED);
  const recent = latest.filter((c) => c.created === undefined || !(Date.parse(c.created) < since - 60_000));
  if (recent.length === 0) return undefined;
  for (const comment of await jira.getCommentsWithProperties(recent.map((c) => c.id))) {
    const value = comment.properties?.find((p) => p.key === OUTCOME_MARK_KEY)?.value as
      Partial<OutcomeMark> | undefined;
    if (value?.issueId === mark.issueId && value.entry === mark.entry) return comment.id;
  }
  return undefined;
}
