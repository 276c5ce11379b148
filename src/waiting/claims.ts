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
import { WhereConditions, kvs } from '@forge/kvs';
import type { Deadline } from '../jira/deadline';
import { isKeyConflict } from '../shared/storage';

/**
 * An invocation lives at most 900 s (a scheduled function with the largest `timeoutSeconds`,
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/): an
 * attempt older than this, plus a minute, is over.
 */
export const ATTEMPT_STALE_MS = 16 * 60_000;

export interface Claim {
  state: 'claimed' | 'done' | 'refused' | 'moved-on';
  at: number;
}

const base = (issueId: string, entry: string): string => `waiting-claim:${issueId}:${entry}`;
export const reminderClaimKey = (issueId: string, entry: string, n: number): string =>
  `${base(issueId, entry)}:reminder:${n}`;
export const outcomeMailClaimKey = (issueId: string, entry: string): string =>
  `${base(issueId, entry)}:outcome-mail`;
const attemptPrefix = (issueId: string, entry: string): string => `${base(issueId, entry)}:outcome:`;

/** Creates `key`; false when it exists (another run has it). */
export async function claimOnce(key: string, now: number, deadline: Deadline): Promise<boolean> {
  try {
    await deadline.run('storage claim', () =>
      kvs.set<Claim>(key, { state: 'claimed', at: now }, { keyPolicy: 'FAIL_IF_EXISTS' }),
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
  await deadline.run('storage mark', () => kvs.set<Claim>(key, { state, at: now })).catch(() => undefined);
}

/** Frees a claim whose work certainly did not happen (Jira refused it with 429 before doing it). */
export async function releaseClaim(key: string, deadline: Deadline): Promise<void> {
  await deadline.run('storage release', () => kvs.delete(key)).catch(() => undefined);
}

export type AttemptClaim =
  | { kind: 'claimed'; key: string; n: number }
  /** An attempt is running, or finished: nothing to do now. */
  | { kind: 'busy' };

/** The next attempt at an outcome, unless one is live or done. */
export async function claimOutcomeAttempt(
  issueId: string,
  entry: string,
  now: number,
  deadline: Deadline,
): Promise<AttemptClaim> {
  const prefix = attemptPrefix(issueId, entry);
  const { results } = await deadline.run('storage query', () =>
    kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(20).getMany<Claim>(),
  );
  const attempts = results
    .map(({ key, value }) => ({ n: Number(key.slice(prefix.length)), claim: value }))
    .filter((a) => Number.isInteger(a.n))
    .sort((a, b) => a.n - b.n);
  const latest = attempts.at(-1);
  if (latest && (latest.claim.state !== 'claimed' || now < latest.claim.at + ATTEMPT_STALE_MS))
    return { kind: 'busy' };
  const n = (latest?.n ?? 0) + 1;
  const key = `${prefix}${n}`;
  return (await claimOnce(key, now, deadline)) ? { kind: 'claimed', key, n } : { kind: 'busy' };
}
