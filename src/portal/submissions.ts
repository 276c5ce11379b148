/**
 * The submission ledger: makes performCustomerAction idempotent per `submissionId`, so a double click
 * or a retry after a timeout yields one comment and one transition. Kept in Forge storage (not on
 * the issue) because it must be claimed atomically before anything is written to Jira.
 */
import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import type { CustomerActionId } from '../workflow';

export type SubmissionState = 'claimed' | 'commented' | 'done';

export interface Submission {
  state: SubmissionState;
  accountId: string;
  action: CustomerActionId;
  /**
   * When the current holder claimed it, in epoch ms; 0 once released by an invocation that failed.
   * A claim older than an invocation can live is stale, its holder gone.
   */
  claimedAt: number;
  commentId?: string;
}

/** A resolver invocation lasts at most 25 s; a claim untouched for longer belongs to a dead one. */
export const STALE_CLAIM_MS = 30_000;
const LEDGER_TTL = { value: 7, unit: 'DAYS' } as const;

export const submissionKey = (issueKey: string, submissionId: string): string =>
  `submission:${issueKey}:${submissionId}`;

export function readSubmission(key: string): Promise<Submission | undefined> {
  return kvs.get<Submission>(key);
}

/**
 * Claims a submission for this invocation. Returns false when another invocation claimed it first.
 * `takeOver` when a record was read before: a released or stale one is taken over.
 */
export async function claimSubmission(
  key: string,
  submission: Submission,
  takeOver: boolean,
): Promise<boolean> {
  if (takeOver) {
    await kvs.set(key, submission, { ttl: LEDGER_TTL });
    return true;
  }
  try {
    await kvs.set(key, submission, { keyPolicy: 'FAIL_IF_EXISTS', ttl: LEDGER_TTL });
    return true;
  } catch (error) {
    if (error instanceof ForgeKvsAPIError && error.code === 'KEY_CONFLICT') return false;
    throw error;
  }
}

export async function recordSubmission(key: string, submission: Submission): Promise<void> {
  await kvs.set(key, submission, { ttl: LEDGER_TTL });
}

/** Frees a claim that wrote nothing to Jira, so the same submission can be tried again cleanly. */
export async function releaseSubmission(key: string): Promise<void> {
  await kvs.delete(key);
}
