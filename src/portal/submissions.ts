/**
 * The submission ledger: who is working on a submission right now, so a double click, a retry
 * after a timeout or a dialog opened again never work on it at the same time. It does not say what
 * was done: Jira does (the comment carries the submission id, the transition writes the audit
 * record in the same request), so a failed bookkeeping write here can lose nothing.
 *
 * Each attempt holds a lease: `submission:{issue}:{id}:{n}`, created with `FAIL_IF_EXISTS`, the only
 * atomic write Forge's key-value store offers. A lease is taken over by creating the next one, so two
 * invocations taking over the same stale lease cannot both win.
 * https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-basic/
 */
import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { Deadline } from '../jira/deadline';
import { isKeyConflict } from '../shared/storage';
import { QUERY_LIMIT, queryByPrefix } from '../shared/storage-query';
import type { CustomerActionId } from '../workflow';

export type LeaseState = 'held' | 'released' | 'done';

export interface Lease {
  accountId: string;
  action: CustomerActionId;
  state: LeaseState;
  /** Epoch ms the attempt claimed it. */
  claimedAt: number;
  /** Epoch ms the attempt's invocation ends (the platform's limit): its requests are answered or abandoned. */
  until: number;
  /** Tells this attempt's lease from another's when a claim's answer is lost. */
  token: string;
  /** The comment posted for the submission, once an attempt knows it. */
  commentId?: string;
  /** Epoch ms the work was found done. */
  doneAt?: number;
}

/**
 * How long after its invocation's end a held lease still counts as held: a request sent just before
 * the end may still reach Jira. Past it, the attempt is gone and its lease may be taken over.
 */
export const LEASE_GRACE_MS = 10_000;
/** A bookkeeping write may take this long at most, so it never eats the time the work needs. */
const NOTE_MS = 1_500;
/** Attempts of one submission at most (also what one storage query returns at most: 20); past that it is not a retry but something broken. */
export const MAX_LEASES = QUERY_LIMIT;
/**
 * The panel keeps an unfinished submission for a week (static/portal), so its leases outlive it:
 * a retry always finds that an earlier attempt exists and looks for what it did.
 */
const LEASE_TTL = { value: 30, unit: 'DAYS' } as const;

function prefixOf(issueKey: string, submissionId: string): string {
  return `submission:${issueKey}:${submissionId}:`;
}
export function leaseKey(issueKey: string, submissionId: string, n: number): string {
  return `${prefixOf(issueKey, submissionId)}${String(n).padStart(2, '0')}`;
}

export interface LeaseEntry {
  key: string;
  n: number;
  lease: Lease;
}

/** The submission's leases, oldest first. */
export async function readLeases(
  issueKey: string,
  submissionId: string,
  deadline: Deadline,
): Promise<LeaseEntry[]> {
  const prefix = prefixOf(issueKey, submissionId);
  // One page holds every lease there may be (MAX_LEASES is the query limit).
  const { entries } = await queryByPrefix<Lease>(prefix, { deadline, maxPages: 1 });
  return entries
    .map(({ key, value }) => ({ key, n: Number(key.slice(prefix.length)), lease: value }))
    .filter((e) => Number.isInteger(e.n))
    .sort((a, b) => a.n - b.n);
}

/** A held lease whose invocation may still be running. */
export function isLive(lease: Lease, now: number): boolean {
  return lease.state === 'held' && now < lease.until + LEASE_GRACE_MS;
}

export type ClaimOutcome =
  | { kind: 'claimed'; key: string; lease: Lease; earlier: LeaseEntry[] }
  /** Another attempt holds the submission now. */
  | { kind: 'held' }
  /** An attempt found the work done and said so. */
  | { kind: 'done'; latest: Lease }
  /** Too many attempts: refuse rather than loop. */
  | { kind: 'exhausted' };

/**
 * Claims the submission for this invocation, after the leases read in `leases`: the first lease,
 * or the next one after a released or stale lease.
 */
export async function claimSubmission(
  issueKey: string,
  submissionId: string,
  leases: LeaseEntry[],
  holder: { accountId: string; action: CustomerActionId; now: number; until: number },
  deadline: Deadline,
): Promise<ClaimOutcome> {
  const latest = leases[leases.length - 1];
  if (latest?.lease.state === 'done') return { kind: 'done', latest: latest.lease };
  if (latest && isLive(latest.lease, holder.now)) return { kind: 'held' };
  const n = latest ? latest.n + 1 : 0;
  if (n >= MAX_LEASES) return { kind: 'exhausted' };
  const key = leaseKey(issueKey, submissionId, n);
  const lease: Lease = {
    accountId: holder.accountId,
    action: holder.action,
    state: 'held',
    claimedAt: holder.now,
    until: holder.until,
    token: randomUUID(),
    // The comment an earlier attempt posted, if one noted it (none: dropped when stored as JSON).
    commentId: leases.find((e) => e.lease.commentId)?.lease.commentId,
  };
  try {
    // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded the caller answers as JIRA_UNAVAILABLE
    await deadline.run('storage claim', () =>
      kvs.set(key, lease, { keyPolicy: 'FAIL_IF_EXISTS', ttl: LEASE_TTL }),
    );
  } catch (error) {
    if (isKeyConflict(error)) return { kind: 'held' };
    // The answer was lost: the claim may have been written. Ours if it carries our token.
    // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded this catch swallows
    const stored = await deadline.run('storage read', () => kvs.get<Lease>(key)).catch(() => undefined);
    // Stryker disable next-line OptionalChaining: the TypeError instead, when nothing is read, is answered the same (JIRA_UNAVAILABLE) by the only caller
    if (stored?.token !== lease.token) throw error;
  }
  return { kind: 'claimed', key, lease, earlier: leases };
}

/** Best effort: what the attempt learnt. Jira holds the truth, so a failure here loses nothing. */
export async function noteLease(key: string, lease: Lease, deadline: Deadline): Promise<void> {
  try {
    // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded this catch swallows
    await deadline.within(NOTE_MS).run('storage write', () => kvs.set(key, lease, { ttl: LEASE_TTL }));
  } catch {
    // Best effort (above): nothing to do.
  }
}
