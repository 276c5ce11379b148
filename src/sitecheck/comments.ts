/**
 * Public comments: the app posts the customer's words through the platform API with JSM's
 * `sd.public.comment` property set to `{internal: false}` (src/jira/client.ts addPublicComment).
 * This reads some of those comments back through the JSM API, whose `public` flag says whether
 * customers see them. The comments are found through the submission ledger (Forge storage, 30 days),
 * which records the id of each comment posted, and confirmed as the app's by their mark.
 */
import type { JiraClient } from '../jira/client';
import { COMMENT_MARK_KEY } from '../portal/comment-mark';
import { queryByPrefix } from '../shared/storage-query';
import type { Lease } from '../portal/submissions';
import type { CommentSeen } from './model';

/** Comments read back at most: one JSM request each, plus one to read their marks. */
export const MAX_COMMENTS = 3;
/** Storage pages of ledger entries looked at (20 entries a page, the most one query returns). */
const LEDGER_PAGES = 3;

/** The project's most recent comments the ledger knows, newest first, each once. */
async function recentAppComments(projectKey: string): Promise<{ issueKey: string; commentId: string }[]> {
  const prefix = `submission:${projectKey}-`;
  const { entries } = await queryByPrefix<Lease>(prefix, { maxPages: LEDGER_PAGES });
  const newestFirst = entries
    .filter((r) => typeof r.value?.commentId === 'string')
    .sort((a, b) => (b.value.claimedAt ?? 0) - (a.value.claimedAt ?? 0));
  // Several leases of one submission share its comment: each comment once.
  const byComment = new Map<string, { issueKey: string; commentId: string }>();
  for (const { key, value } of newestFirst) {
    const issueKey = key.slice('submission:'.length).split(':')[0] ?? '';
    const commentId = value.commentId ?? '';
    if (issueKey !== '' && !byComment.has(commentId)) byComment.set(commentId, { issueKey, commentId });
  }
  return [...byComment.values()].slice(0, MAX_COMMENTS);
}

/** At most 1 + MAX_COMMENTS Jira requests, all reads, as the app. */
export async function checkComments(jira: JiraClient, projectKey: string): Promise<CommentSeen[]> {
  const candidates = await recentAppComments(projectKey);
  if (candidates.length === 0) return [];
  const withMarks = await jira.getCommentsWithProperties(candidates.map((c) => c.commentId));
  const marked = new Set(
    withMarks.filter((c) => c.properties?.some((p) => p.key === COMMENT_MARK_KEY)).map((c) => c.id),
  );
  const mine = candidates.filter((c) => marked.has(c.commentId));
  return Promise.all(
    mine.map(async (c) => {
      const comment = await jira.getRequestComment(c.issueKey, c.commentId);
      return { ...c, public: comment.public === true };
    }),
  );
}
