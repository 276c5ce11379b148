/**
 * The accounts the app holds personal data for, and where: a small registry in Forge storage, so the
 * weekly report (report.ts) and an erasure (erase.ts) never have to scan Jira to find them.
 *
 * - `privacy:account:{shard}:{accountId}` → `{ since }`: the app holds this account id (in the audit
 *   record on issues, the comment marks, the submission leases); `since` is when it first stored it, the
 *   `updatedAt` Atlassian asks for ("the age must correspond to the oldest time", User privacy guide for
 *   app developers, https://developer.atlassian.com/platform/forge/user-privacy-guidelines/). `shard` is
 *   one hex digit of the id's hash: the weekly report goes shard by shard and resumes at the shard where
 *   a run stopped, since a query cursor must not be kept between invocations ("Cursors shouldn't be
 *   persisted", https://developer.atlassian.com/platform/forge/js-api-reference/storage-api-query/).
 * - `privacy:issue:{accountId}#{issueKey}` → `{ since }`: an issue where it is stored.
 *
 * `#` separates the two: account ids are "alphanumeric characters, as well as - and :" (same guide),
 * and portal-only customers' ids contain `:`, so a prefix ending in `:` could match another account.
 */
import { createHash } from 'node:crypto';
import { WhereConditions, kvs } from '@forge/kvs';
import type { Deadline } from '../jira/deadline';

export const ACCOUNT_PREFIX = 'privacy:account:';
/** At most this long for the registry's write during a customer action. */
const NOTE_MS = 1_500;
export const ISSUE_PREFIX = 'privacy:issue:';

export interface HolderEntry {
  /** ISO 8601 instant the app first stored the account id here. */
  since: string;
}

/** The registry's shards: 16, one hex digit. */
export const SHARDS = 16;
export function shardOf(accountId: string): number {
  return Number.parseInt(createHash('sha256').update(accountId).digest('hex').slice(0, 1), 16);
}
export function shardPrefix(shard: number): string {
  return `${ACCOUNT_PREFIX}${shard.toString(16)}:`;
}
export function accountKey(accountId: string): string {
  return `${shardPrefix(shardOf(accountId))}${accountId}`;
}
/** The account id of a registry key. */
export function accountOfKey(key: string): string {
  return key.slice(ACCOUNT_PREFIX.length + 2);
}
export function issuesPrefix(accountId: string): string {
  return `${ISSUE_PREFIX}${accountId}#`;
}
export function issueKeyOf(accountId: string, issueKey: string): string {
  return `${issuesPrefix(accountId)}${issueKey}`;
}

/** Atlassian's account ids; anything else (a hand-made key) is not reported. */
export function isAccountId(value: string): boolean {
  return /^[A-Za-z0-9:-]{1,128}$/.test(value);
}

/**
 * Notes that `accountId` is about to be stored on `issueKey`. Written before the first write of an
 * action (the lease, the comment, the audit record), so the registry always knows at least what Jira
 * holds. Best effort and bounded by the invocation's deadline: it never fails the action. The first
 * write wins (`FAIL_IF_EXISTS`): `since` stays the oldest, and a refused write means it is known.
 */
export async function noteHolder(accountId: string, issueKey: string, deadline: Deadline): Promise<void> {
  const value: HolderEntry = { since: new Date().toISOString() };
  // Capped like the ledger's bookkeeping writes: a slow store cannot use up the action's time.
  const capped = deadline.within(NOTE_MS);
  const once = (key: string): Promise<void> =>
    capped
      .run(
        // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded the catch below swallows
        'storage write',
        () => kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' }),
      )
      .catch(() => undefined);
  await Promise.all([once(accountKey(accountId)), once(issueKeyOf(accountId, issueKey))]);
}

export interface Page<T> {
  entries: { key: string; value: T }[];
  cursor?: string;
}

/** The most a query returns ("up to a maximum of 20", same storage query page). */
export const QUERY_LIMIT = 20;

/** One page of the keys under `prefix`, in key order, `limit` at most 20. */
export async function readPage<T>(
  prefix: string,
  limit: number,
  deadline: Deadline,
  cursor?: string,
): Promise<Page<T>> {
  // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded message; its callers log error.name or nothing
  const page = await deadline.run('storage query', () => {
    const query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(limit);
    return (cursor ? query.cursor(cursor) : query).getMany<T>();
  });
  return { entries: page.results, ...(page.nextCursor ? { cursor: page.nextCursor } : {}) };
}

/**
 * Deletes a key; one already gone is as good. @forge/kvs answers a delete of a missing key as done
 * (its `handleKeyNotFound` turns the 404 KEY_NOT_FOUND into success), so there is nothing to catch.
 */
export async function forget(key: string, deadline: Deadline): Promise<void> {
  await deadline.run('storage delete', () => kvs.delete(key));
}
