/**
 * The customer's comment carries its submission as a comment property, set in the very request that
 * creates it (the platform's comment API accepts `properties` on create), so any later attempt can
 * prove the comment was posted even when the answer to that request was lost.
 */
import type { JiraClient } from '../jira/client';
import type { CustomerActionId } from '../workflow';

export const COMMENT_MARK_KEY = 'guide-des-statuts.submission';
/** Comments read per page when looking for the mark, newest first. */
export const MARK_SEARCH_COMMENTS = 50;

export interface CommentMark {
  submissionId: string;
  accountId: string;
  action: CustomerActionId;
}

export function commentMark(mark: CommentMark): { key: string; value: CommentMark } {
  return {
    key: COMMENT_MARK_KEY,
    value: mark,
  };
}

function isMarkOf(value: unknown, submissionId: string): value is CommentMark {
  // Object(...) reads null or a primitive as an object without the key.
  return (Object(value) as Partial<CommentMark>).submissionId === submissionId;
}

/** More comments since the attempts than the search reads: whether the comment was posted cannot be told. */
export class TooManyRecentComments extends Error {
  override readonly name = 'TooManyRecentComments';
  constructor() {
    // Stryker disable next-line StringLiteral: both callers catch it by its class; the message reaches no answer or log
    super('too many recent comments to look through');
  }
}

/** Pages of newest comments read at most: a request gains this many comments between two attempts only by accident. */
const MAX_PAGES = 4;

/**
 * The id of the newest comment whose property `propertyKey` satisfies `matches`, among the issue's
 * comments created since `since` (epoch ms), newest first, read with their properties. Two Jira
 * reads usually; one when no comment is that recent; more pages only while the newest ones are all
 * that recent. Throws when there are more recent comments than it reads (it cannot be told).
 */
export async function findCommentWithProperty(
  jira: JiraClient,
  issueKey: string,
  propertyKey: string,
  matches: (value: unknown) => boolean,
  since: number,
): Promise<{ id: string } | undefined> {
  // Jira's clock and the app's may differ by a little: a minute of slack keeps the search safe. A
  // missing date ('undefined') or an unreadable one parses as NaN, never older: the comment counts as recent.
  const isRecent = (created: string | undefined): boolean => !(Date.parse(String(created)) < since - 60_000);
  for (let page = 0; page < MAX_PAGES; page++) {
    const latest = await jira.getLatestComments(issueKey, MARK_SEARCH_COMMENTS, page * MARK_SEARCH_COMMENTS);
    const recent = latest.filter((c) => isRecent(c.created));
    // None recent: the bulk read asks Jira nothing.
    const detailed = await jira.getCommentsWithProperties(recent.map((c) => c.id));
    // The bulk read's order is not documented: the newest first, as the page lists them.
    const byId = new Map(detailed.map((c) => [c.id, c]));
    for (const { id } of recent) {
      const property = byId.get(id)?.properties?.find((p) => p.key === propertyKey);
      if (property && matches(property.value)) return { id };
    }
    // Older comments than the attempts, or no more comments: it was not posted.
    if (recent.length < latest.length || latest.length < MARK_SEARCH_COMMENTS) return undefined;
  }
  // Too many recent comments to read: it cannot be told.
  throw new TooManyRecentComments();
}

/** The id of the comment posted for `submissionId`, if one was (see findCommentWithProperty). */
export function findMarkedComment(
  jira: JiraClient,
  issueKey: string,
  mark: CommentMark,
  since: number,
): Promise<{ id: string } | undefined> {
  return findCommentWithProperty(
    jira,
    issueKey,
    COMMENT_MARK_KEY,
    (value) => isMarkOf(value, mark.submissionId),
    since,
  );
}
