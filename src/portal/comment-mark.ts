/**
 * The customer's comment carries its submission as a comment property, set in the very request that
 * creates it (the platform's comment API accepts `properties` on create), so any later attempt can
 * prove the comment was posted even when the answer to that request was lost.
 */
import type { JiraClient } from '../jira/client';
import type { CustomerActionId } from '../workflow';

export const COMMENT_MARK_KEY = 'guide-des-statuts.submission';
/**
 * The newest comments searched for the mark. A retry comes seconds to days after the attempt that
 * posted, and a request rarely gains this many comments in between.
 */
export const MARK_SEARCH_COMMENTS = 50;

export interface CommentMark {
  submissionId: string;
  accountId: string;
  action: CustomerActionId;
}

export const commentMark = (mark: CommentMark): { key: string; value: CommentMark } => ({
  key: COMMENT_MARK_KEY,
  value: mark,
});

function isMarkOf(value: unknown, submissionId: string): value is CommentMark {
  return value !== null && typeof value === 'object' && (value as CommentMark).submissionId === submissionId;
}

/**
 * The id of the comment posted for `submissionId`, if one was: among the issue's newest comments
 * created since `since` (epoch ms), read with their properties. Two Jira reads; one when no comment
 * is that recent.
 */
export async function findMarkedComment(
  jira: JiraClient,
  issueKey: string,
  mark: CommentMark,
  since: number,
): Promise<{ id: string; mark: CommentMark } | undefined> {
  const latest = await jira.getLatestComments(issueKey, MARK_SEARCH_COMMENTS);
  // Jira's clock and the app's may differ by a little: a minute of slack keeps the search safe.
  const recent = latest.filter((c) => c.created === undefined || !(Date.parse(c.created) < since - 60_000));
  if (recent.length === 0) return undefined;
  const detailed = await jira.getCommentsWithProperties(recent.map((c) => c.id));
  for (const comment of detailed) {
    const value = comment.properties?.find((p) => p.key === COMMENT_MARK_KEY)?.value;
    if (isMarkOf(value, mark.submissionId)) return { id: comment.id, mark: value };
  }
  return undefined;
}
