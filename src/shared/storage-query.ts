/**
 * Reading every key under a prefix from Forge storage. One query returns "up to a maximum of 20"
 * values (https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query/), so
 * longer lists are read a page at a time, each page asking for the next with the cursor the last
 * one returned (cursors are used within the invocation only: the docs say not to persist them).
 */
import { WhereConditions, kvs } from '@forge/kvs';
import type { Deadline } from '../jira/deadline';

/** The most one storage query returns. */
export const QUERY_LIMIT = 20;

export interface StoredEntry<T> {
  key: string;
  value: T;
}

/**
 * The keys under `prefix` in key order, read `QUERY_LIMIT` at a time, `maxPages` pages at most
 * (more would be something broken: the caller says what then). `complete` says whether the last
 * page was reached.
 */
export async function queryByPrefix<T>(
  prefix: string,
  options: { deadline?: Deadline; maxPages?: number } = {},
): Promise<{ entries: StoredEntry<T>[]; complete: boolean }> {
  const { deadline } = options;
  const entries: StoredEntry<T>[] = [];
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const read = (): Promise<{ results: StoredEntry<T>[]; nextCursor?: string }> => {
      const query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(QUERY_LIMIT);
      return (cursor ? query.cursor(cursor) : query).getMany<T>();
    };
    // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded its callers answer or stop on without it
    const { results, nextCursor } = deadline ? await deadline.run('storage query', read) : await read();
    entries.push(...results);
    if (!nextCursor) return { entries, complete: true };
    cursor = nextCursor;
  }
  return { entries, complete: false };
}
