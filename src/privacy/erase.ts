/**
 * Erases a closed account from what the app stores, as Atlassian's user privacy guide requires of an
 * app told an account is `closed` (https://developer.atlassian.com/platform/forge/user-privacy-guidelines/):
 * - the audit record on each issue keeps the action, the statuses and the dates, not the person
 *   (the record loses its `accountId`);
 * - the comment marks (`guide-des-statuts.submission`) lose their `accountId`;
 * - the submission leases of that account are deleted (bookkeeping only: a closed account sends no retry).
 * E-mail claims (`status-mail:*`) hold no account id, and the app's own account id is not a person's.
 *
 * Issue by issue from the registry, each one forgotten once done, so an erasure cut short by the
 * deadline or a failing Jira resumes where it stopped at the next run.
 */
import type { JiraClient } from '../jira/client';
import type { Deadline } from '../jira/deadline';
import { JiraError } from '../jira/errors';
import { AUDIT_PROPERTY_KEY, isAuditLog, type AuditLog } from '../portal/audit';
import { COMMENT_MARK_KEY, MARK_SEARCH_COMMENTS } from '../portal/comment-mark';
import type { Lease } from '../portal/submissions';
import { QUERY_LIMIT, accountKey, forget, issuesPrefix, readPage, type HolderEntry } from './registry';

export const ERASE_PREFIX = 'privacy:erase:';
export function eraseKey(accountId: string): string {
  return `${ERASE_PREFIX}${accountId}`;
}

/** What erasing one issue takes at most: 6 Jira requests and a few storage operations. */
export const ISSUE_ERASE_MS = 8_000;

/** An issue Jira no longer has (deleted, or moved out of the app's reach) holds nothing to erase. */
function gone(error: unknown): boolean {
  return error instanceof JiraError && error.kind === 'not-found';
}

/** The audit record without the account; the comments its records name. */
function withoutAccount(
  log: AuditLog,
  accountId: string,
): { log: AuditLog; comments: string[]; changed: boolean } {
  const comments: string[] = [];
  let changed = false;
  const records = log.records.map((record) => {
    if (record.accountId !== accountId) return record;
    changed = true;
    if (record.commentId) comments.push(record.commentId);
    const { accountId: _erased, ...kept } = record;
    return kept;
  });
  return { log: { ...log, records }, comments, changed };
}

/** Deletes the account's leases on the issue; returns the comments they knew. */
async function eraseLeases(issueKey: string, accountId: string, deadline: Deadline): Promise<string[]> {
  const comments: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage<Lease>(`submission:${issueKey}:`, QUERY_LIMIT, deadline, cursor);
    for (const { key, value } of page.entries) {
      if (value?.accountId !== accountId) continue;
      if (value.commentId) comments.push(value.commentId);
      await forget(key, deadline);
    }
    cursor = page.cursor;
  } while (cursor);
  return comments;
}

/** Rewrites the marks of `accountId` on the issue's comments: the named ones and the newest. */
async function eraseMarks(
  jira: JiraClient,
  issueKey: string,
  accountId: string,
  named: string[],
): Promise<void> {
  const newest = await jira.getLatestComments(issueKey, MARK_SEARCH_COMMENTS);
  const ids = [...new Set([...named, ...newest.map((c) => c.id)])];
  for (const comment of await jira.getCommentsWithProperties(ids)) {
    const mark = comment.properties?.find((p) => p.key === COMMENT_MARK_KEY)?.value;
    if (
      mark === null ||
      typeof mark !== 'object' ||
      (mark as { accountId?: unknown }).accountId !== accountId
    )
      continue;
    const { accountId: _erased, ...kept } = mark as Record<string, unknown>;
    await jira.setCommentProperty(comment.id, COMMENT_MARK_KEY, kept);
  }
}

async function eraseIssue(jira: JiraClient, issueKey: string, accountId: string): Promise<void> {
  const deadline = jira.deadline;
  const comments = await eraseLeases(issueKey, accountId, deadline);
  try {
    const log = await jira.getIssueProperty<unknown>(issueKey, AUDIT_PROPERTY_KEY);
    if (isAuditLog(log)) {
      const erased = withoutAccount(log, accountId);
      comments.push(...erased.comments);
      // The marks first: were the audit record written and the marks not, the record would no
      // longer name the comments to look at.
      await eraseMarks(jira, issueKey, accountId, comments);
      if (erased.changed) await jira.setIssueProperty(issueKey, AUDIT_PROPERTY_KEY, erased.log);
    } else await eraseMarks(jira, issueKey, accountId, comments);
  } catch (error) {
    if (!gone(error)) throw error;
  }
}

/**
 * Erases the account everywhere the registry says it is stored; true once done (its registry
 * entries are gone), false when the deadline stopped it first. Throws when Jira or storage fails:
 * what is done stays done, the rest is for the next run.
 */
export async function eraseAccount(jira: JiraClient, accountId: string): Promise<boolean> {
  const deadline = jira.deadline;
  for (;;) {
    const page = await readPage<HolderEntry>(issuesPrefix(accountId), QUERY_LIMIT, deadline);
    for (const { key } of page.entries) {
      if (!deadline.allows(ISSUE_ERASE_MS)) return false;
      await eraseIssue(jira, key.slice(issuesPrefix(accountId).length), accountId);
      await forget(key, deadline);
    }
    if (
      // Stryker disable next-line LogicalOperator: after a last page the next read is empty (its entries are forgotten) and stops the loop
      !page.cursor ||
      // Stryker disable next-line ConditionalExpression: differs only for a page with a cursor and no entries, which the store never answers
      page.entries.length === 0
    )
      break;
  }
  await forget(accountKey(accountId), deadline);
  await forget(eraseKey(accountId), deadline);
  return true;
}
