/**
 * The weekly personal data report (Atlassian's User privacy guide for app developers,
 * https://developer.atlassian.com/platform/forge/user-privacy-guidelines/): every account the app
 * holds is reported with `privacy.reportPersonalData` (`@forge/api`, which posts to
 * `/app/report-accounts`), and every account reported `closed` is erased (erase.ts).
 *
 * Bounded and resumable: one deadline per invocation (src/jira/deadline.ts). The registry is read
 * shard by shard (registry.ts) and reported in requests of at most 90 accounts, the API's limit (the
 * helper would send a longer list as several requests at once), made of whole shards. `privacy:cycle`
 * keeps the first shard not yet reported, never a query cursor ("Cursors shouldn't be persisted"), so
 * a run the deadline cuts short resumes there at the next run. A cycle that ends is not started again
 * in the same run: Atlassian asks for no report on an account more often than the cycle period, 7 days
 * by default.
 *
 * A failing API leaves everything as it was: nothing is erased or marked, the cycle does not move,
 * and the next week's run reports the same accounts again. Closed accounts go into an erasure queue
 * (`privacy:erase:{accountId}`) before the cycle moves on, so an erasure that fails or runs out of
 * time is taken up again at the next run, before anything else; one that keeps failing holds up
 * neither the others nor the report.
 *
 * `updated` asks the app to refresh the personal data it copied: it keeps none but the account id,
 * which does not change, so there is nothing to refresh.
 */
import { privacy } from '@forge/api';
import { kvs } from '@forge/kvs';
import { JiraClient } from '../jira/client';
import { Deadline } from '../jira/deadline';
import { ERASE_PREFIX, ISSUE_ERASE_MS, eraseAccount, eraseKey } from './erase';
import {
  QUERY_LIMIT,
  SHARDS,
  accountOfKey,
  isAccountId,
  readPage,
  shardPrefix,
  type HolderEntry,
} from './registry';

export const CYCLE_KEY = 'privacy:cycle';
/** "Each request allows up to 90 accounts to be reported on" (the guide; `LIMIT` in @forge/api). */
export const REPORT_LIMIT = 90;
/** What a round needs at least: a shard read, one report, the queue and the cycle written. */
export const ROUND_MS = 3_000;

interface CycleState {
  /** The first shard not yet reported in this cycle; 0 at its start. */
  shard: number;
}

type Account = { accountId: string; updatedAt: string };

export interface CycleSummary {
  reported: number;
  closed: number;
  erased: number;
  /** Erasures that failed this run; they stay queued. */
  eraseFailures: number;
  /** The report API failed: nothing changed, the same accounts are reported next week. */
  failed: boolean;
  /** The cycle went through the whole registry. */
  complete: boolean;
}

/** Erases the queued accounts, each at most once per run (`attempted`), while time allows. */
async function eraseQueued(jira: JiraClient, summary: CycleSummary, attempted: Set<string>): Promise<void> {
  const deadline = jira.deadline;
  let cursor: string | undefined;
  do {
    if (!deadline.allows(ISSUE_ERASE_MS)) return;
    const page = await readPage<unknown>(ERASE_PREFIX, QUERY_LIMIT, deadline, cursor);
    for (const { key } of page.entries) {
      if (attempted.has(key)) continue;
      if (!deadline.allows(ISSUE_ERASE_MS)) return;
      attempted.add(key);
      try {
        if (!(await eraseAccount(jira, key.slice(ERASE_PREFIX.length)))) return;
        summary.erased += 1;
      } catch {
        // Jira or storage failed: what is done stays done, the account stays queued for the next run.
        summary.eraseFailures += 1;
      }
    }
    cursor = page.entries.length > 0 ? page.cursor : undefined;
  } while (cursor);
}

/** Every account of a shard, with the date the app first stored it. */
async function readShard(shard: number, deadline: Deadline): Promise<Account[]> {
  const accounts: Account[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage<HolderEntry>(shardPrefix(shard), QUERY_LIMIT, deadline, cursor);
    for (const { key, value } of page.entries) {
      const accountId = accountOfKey(key);
      const updatedAt = value?.since;
      if (isAccountId(accountId) && typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)))
        accounts.push({ accountId, updatedAt });
    }
    cursor = page.entries.length > 0 ? page.cursor : undefined;
  } while (cursor);
  return accounts;
}

/** Reports up to 90 accounts; false when the API failed (nothing was changed). */
async function report(accounts: Account[], deadline: Deadline, summary: CycleSummary): Promise<boolean> {
  if (accounts.length === 0) return true;
  let updates;
  try {
    // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded, logged below as 'no answer'
    updates = await deadline.run('report accounts', () => privacy.reportPersonalData(accounts));
  } catch (error) {
    // A Response (4xx, 429, 5xx) or no answer: its status only, nothing personal.
    const status = (error as { status?: unknown }).status;
    console.warn(
      `privacy: the personal data report failed (${typeof status === 'number' ? status : 'no answer'}); retried next week`,
    );
    return false;
  }
  const closed = updates.filter((u) => u.status === 'closed' && isAccountId(u.accountId));
  // Queued before the cycle moves on: an erasure is never lost to a failure after the report.
  await Promise.all(
    closed.map((u) =>
      // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded; the trigger logs error.name only
      deadline.run('storage write', () => kvs.set(eraseKey(u.accountId), { at: Date.now() })),
    ),
  );
  summary.reported += accounts.length;
  summary.closed += closed.length;
  return true;
}

function saveCycle(shard: number, deadline: Deadline): Promise<void> {
  // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded; the trigger logs error.name only
  return deadline.run('storage write', () => kvs.set(CYCLE_KEY, { shard: shard >= SHARDS ? 0 : shard }));
}

/** Reports shard by shard from where the cycle stands; whole shards per request where they fit. */
async function reportCycle(deadline: Deadline, summary: CycleSummary): Promise<void> {
  // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded; the trigger logs error.name only
  const state = await deadline.run('storage read', () => kvs.get<CycleState>(CYCLE_KEY));
  const stored = state?.shard;
  const start =
    typeof stored === 'number' && Number.isInteger(stored) && stored > 0 && stored < SHARDS ? stored : 0;
  // Read, not yet reported; the cycle is saved at its first shard, so a cut-short run resumes there.
  let pending: Account[] = [];
  for (let shard = start; shard < SHARDS; shard++) {
    if (!deadline.allows(ROUND_MS)) return;
    const accounts = await readShard(shard, deadline);
    if (pending.length > 0 && pending.length + accounts.length > REPORT_LIMIT) {
      if (!(await report(pending, deadline, summary))) return void (summary.failed = true);
      await saveCycle(shard, deadline);
      pending = [];
    }
    pending.push(...accounts);
    // A shard larger than one request (over 90 accounts): its first requests now.
    while (pending.length > REPORT_LIMIT) {
      if (!deadline.allows(ROUND_MS)) return;
      if (!(await report(pending.slice(0, REPORT_LIMIT), deadline, summary)))
        return void (summary.failed = true);
      pending = pending.slice(REPORT_LIMIT);
    }
  }
  if (pending.length > 0 && !deadline.allows(ROUND_MS)) return;
  if (!(await report(pending, deadline, summary))) return void (summary.failed = true);
  await saveCycle(SHARDS, deadline);
  summary.complete = true;
}

/** One run of the weekly job: erase what is queued, report from where the cycle stands, erase again. */
export async function runPrivacyCycle(jira: JiraClient): Promise<CycleSummary> {
  const summary: CycleSummary = {
    reported: 0,
    closed: 0,
    erased: 0,
    eraseFailures: 0,
    failed: false,
    complete: false,
  };
  const attempted = new Set<string>();
  await eraseQueued(jira, summary, attempted);
  await reportCycle(jira.deadline, summary);
  if (summary.closed > 0) await eraseQueued(jira, summary, attempted);
  console.info(
    `privacy: ${summary.reported} accounts reported, ${summary.closed} closed, ${summary.erased} erased` +
      (summary.eraseFailures > 0 ? `, ${summary.eraseFailures} erasures to retry` : '') +
      (summary.failed
        ? ', report failed'
        : summary.complete
          ? ', cycle complete'
          : ', cycle continues next run'),
  );
  return summary;
}

/**
 * The `scheduledTrigger` function (weekly). Its deadline comes from the runtime's remaining time: the
 * manifest gives it `timeoutSeconds: 300` (scheduled functions get 55 s by default and up to 900,
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/). The
 * function reference asks for a response object (`statusCode`), else the platform records 424; the
 * module reference says a returned value is ignored: `{ statusCode: 200 }` satisfies both
 * (https://developer.atlassian.com/platform/forge/function-reference/scheduled-trigger/). Nothing retries
 * a failed run but the next week's. It runs whatever the license (src/shared/license.ts): reporting
 * and erasing personal data is owed to the people concerned, paid for or not.
 */
export async function privacyTrigger(): Promise<{ statusCode: number }> {
  // Stryker disable next-line ObjectLiteral: without options JiraClient takes the same Deadline.forInvocation()
  const jira = new JiraClient('app', { deadline: Deadline.forInvocation() });
  try {
    await runPrivacyCycle(jira);
    return { statusCode: 200 };
  } catch (error) {
    // Storage failed mid-way: what is done stays done, the rest is for the next run.
    // Stryker disable next-line StringLiteral: storage, Jira and the deadline fail only with Error instances
    const name = error instanceof Error ? error.name : 'error';
    console.warn(`privacy: the weekly run stopped early (${name})`);
    return { statusCode: 500 };
  }
}
