/**
 * Claims in Forge storage, created with `FAIL_IF_EXISTS` (the store's one atomic write) before the
 * scan does anything the customer would see, so two runs (a duplicated invocation, a rerun after one
 * was cut off) never both do it.
 *
 * - A reminder's claim is taken once and never again: a run that dies between its claim and its
 *   e-mail sends none rather than risk two (an e-mail cannot be read back from Jira).
 * - An outcome's claims are numbered attempts. An attempt older than any invocation can live is
 *   taken over by creating the next one; that attempt proves in Jira what the earlier one did (its
 *   marked comment, the request's status) before doing the rest, so the outcome is made once.
 */
import { kvs } from '@forge/kvs';
import type { Deadline } from '../jira/deadline';
import { queryByPrefix } from '../shared/storage-query';
import { isKeyConflict } from '../shared/storage';

/**
 * An invocation lives at most 900 s (a scheduled function with the largest `timeoutSeconds`,
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/): an
 * attempt older than this, plus a minute, is over.
 */
export const ATTEMPT_STALE_MS = 16 * 60_000;

/**
 * How long a claim is kept: longer than any stay it guards can still have something due. An outcome
 * falls at most 120 working days after the entry (rules.ts), some 170 calendar days; a year leaves
 * room for holidays and for a stay with reminders only, whose audit record then keeps the reminder
 * from going twice. TTL on write: https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-basic-api/
 * (no maximum is documented; 365 days is assumed accepted, as 30 days is for the submission ledger).
 */
export const CLAIM_TTL = { value: 365, unit: 'DAYS' } as const;

/**
 * Attempts at one outcome at most. A run takes one attempt an hour at most, so this is four days of
 * failures: past it the outcome is not retried (an agent sees the request still waiting), and the
 * attempts are read in 5 storage pages at most.
 */
export const MAX_OUTCOME_ATTEMPTS = 99;

export interface Claim {
  state: 'claimed' | 'done' | 'refused' | 'moved-on';
  at: number;
}

function base(issueId: string, entry: string): string {
  return `waiting-claim:${issueId}:${entry}`;
}
export function reminderClaimKey(issueId: string, entry: string, n: number): string {
  return `${base(issueId, entry)}:reminder:${n}`;
}
export function outcomeMailClaimKey(issueId: string, entry: string): string {
  return `${base(issueId, entry)}:outcome-mail`;
}
function attemptPrefix(issueId: string, entry: string): string {
  return `${base(issueId, entry)}:outcome:`;
}
export function outcomeAttemptKey(issueId: string, entry: string, n: number): string {
  return `${attemptPrefix(issueId, entry)}${n}`;
}

/** Creates `key`; false when it exists (another run has it). */
export async function claimOnce(key: string, now: number, deadline: Deadline): Promise<boolean> {
  try {
    // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded, which stops the run whatever it names
    await deadline.run('storage claim', () =>
      kvs.set<Claim>(key, { state: 'claimed', at: now }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: CLAIM_TTL }),
    );
    return true;
  } catch (error) {
    if (isKeyConflict(error)) return false;
    throw error;
  }
}

/** Bookkeeping after the fact: a failure here changes nothing that was done. */
export async function markClaim(
  key: string,
  state: Claim['state'],
  now: number,
  deadline: Deadline,
): Promise<void> {
  await deadline
    // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded this catch swallows
    .run('storage mark', () => kvs.set<Claim>(key, { state, at: now }, { ttl: CLAIM_TTL }))
    .catch(() => undefined);
}

/** Frees a claim whose work certainly did not happen (Jira refused it with 429 before doing it). */
export async function releaseClaim(key: string, deadline: Deadline): Promise<void> {
  // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded this catch swallows
  await deadline.run('storage release', () => kvs.delete(key)).catch(() => undefined);
}

export type AttemptClaim =
  | { kind: 'claimed'; key: string; n: number }
  /** An attempt is running, or made the outcome: nothing to do now. */
  | { kind: 'busy' }
  /** The latest attempt gave up (it could not tell whether its comment was posted): no more. */
  | { kind: 'refused' }
  /** Too many attempts failed: no more (something is broken). */
  | { kind: 'exhausted' };

/** The next attempt at an outcome, unless one is live or done. */
export async function claimOutcomeAttempt(
  issueId: string,
  entry: string,
  now: number,
  deadline: Deadline,
): Promise<AttemptClaim> {
  const prefix = attemptPrefix(issueId, entry);
  const { entries } = await queryByPrefix<Claim>(prefix, { deadline });
  // In number order: Forge documents no order for a query's results.
  const latest = entries
    .map(({ key, value }) => ({ n: Number(key.slice(prefix.length)), claim: value }))
    .sort((a, b) => a.n - b.n)
    .at(-1);
  // Stryker disable next-line ObjectLiteral,StringLiteral: decide answers refused for any attempt neither claimed, busy nor exhausted
  if (latest?.claim.state === 'refused') return { kind: 'refused' };
  if (latest && (latest.claim.state !== 'claimed' || now < latest.claim.at + ATTEMPT_STALE_MS))
    return { kind: 'busy' };
  const n = (latest?.n ?? 0) + 1;
  if (n > MAX_OUTCOME_ATTEMPTS) return { kind: 'exhausted' };
  const key = outcomeAttemptKey(issueId, entry, n);
  return (await claimOnce(key, now, deadline)) ? { kind: 'claimed', key, n } : { kind: 'busy' };
}
