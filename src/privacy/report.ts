/**
 * The weekly personal data report (Atlassian's User privacy guide for app developers,
 * https://developer.atlassian.com/platform/forge/user-privacy-guidelines/): every account the app
 * holds is reported with `privacy.reportPersonalData` (`@forge/api`, which posts to
 * `/app/report-accounts`), and every account reported `closed` is erased (erase.ts).
 *
 * Bounded and resumable: one deadline per invocation (src/jira/deadline.ts); the registry is read in
 * pages of 90 accounts, the API's limit per request, so each page is one request (the helper would
 * send a longer list as several requests at once); where the cycle stands is kept in Forge storage
 * (`privacy:cycle`), so a cycle cut short by the deadline resumes at the next run. A cycle that
 * ends is not started again in the same run: Atlassian asks for no report on an account more often
 * than the cycle period, 7 days by default.
 *
 * A failing API leaves everything as it was: nothing is erased or marked, the cursor does not move,
 * and the next week's run reports the same page again. Closed accounts go into an erasure queue
 * (`privacy:erase:{accountId}`) before the cursor moves on, so an erasure that fails or runs out of
 * time is taken up again at the next run, before anything else.
 *
 * `updated` asks the app to refresh the personal data it copied: it keeps none but the account id,
 * which does not change, so there is nothing to refresh.
 */
import { privacy } from '@forge/api';
import { kvs } from '@forge/kvs';
import { JiraClient } from '../jira/client';
import { Deadline } from '../jira/deadline';
import { ERASE_PREFIX, ISSUE_ERASE_MS, eraseAccount, eraseKey } from './erase';
import { ACCOUNT_PREFIX, isAccountId, readPage, type HolderEntry } from './registry';

export const CYCLE_KEY = 'privacy:cycle';
/** "Each request allows up to 90 accounts to be reported on" (the guide; `LIMIT` in @forge/api). */
export const REPORT_PAGE = 90;
/** What a round needs at least: a registry page, one report, the queue and the cursor written. */
export const ROUND_MS = 3_000;
const ERASE_PAGE = 20;

interface CycleState {
  /** Where the cycle stands in the registry; absent at its start. */
  cursor?: string;
}

export interface CycleSummary {
  reported: number;
  closed: number;
  erased: number;
  /** The report API failed: nothing changed, the same page is reported next week. */
  failed: boolean;
  /** The cycle went through the whole registry. */
  complete: boolean;
}

/** Erases the queued accounts while time allows; returns how many are done. */
async function eraseQueued(jira: JiraClient): Promise<number> {
  const deadline = jira.deadline;
  let erased = 0;
  while (deadline.allows(ISSUE_ERASE_MS)) {
    const page = await readPage<unknown>(ERASE_PREFIX, ERASE_PAGE, deadline);
    if (page.entries.length === 0) return erased;
    for (const { key } of page.entries) {
      if (!deadline.allows(ISSUE_ERASE_MS)) return erased;
      if (!(await eraseAccount(jira, key.slice(ERASE_PREFIX.length)))) return erased;
      erased += 1;
    }
  }
  return erased;
}

/** Reports one page of the registry; false when the API failed (nothing was changed). */
async function reportPage(
  entries: { key: string; value: HolderEntry }[],
  deadline: Deadline,
  summary: CycleSummary,
): Promise<boolean> {
  const accounts = entries
    .map(({ key, value }) => ({ accountId: key.slice(ACCOUNT_PREFIX.length), updatedAt: value?.since }))
    .filter(
      (a): a is { accountId: string; updatedAt: string } =>
        isAccountId(a.accountId) && typeof a.updatedAt === 'string' && !Number.isNaN(Date.parse(a.updatedAt)),
    );
  if (accounts.length === 0) return true;
  let updates;
  try {
    updates = await deadline.run('report accounts', () => privacy.reportPersonalData(accounts));
  } catch (error) {
    // A Response (4xx, 429, 5xx) or a network failure: counts only, nothing personal.
    const status = (error as { status?: unknown }).status;
    console.warn(
      `privacy: the personal data report failed (${typeof status === 'number' ? status : 'no answer'}); retried next week`,
    );
    return false;
  }
  summary.reported += accounts.length;
  const closed = updates.filter((u) => u.status === 'closed' && isAccountId(u.accountId));
  // Queued before the cursor moves on: an erasure is never lost to a failure after the report.
  await Promise.all(
    closed.map((u) =>
      deadline.run('storage write', () => kvs.set(eraseKey(u.accountId), { at: Date.now() })),
    ),
  );
  summary.closed += closed.length;
  return true;
}

/** One run of the weekly job: erase what is queued, report from where the cycle stands, erase again. */
export async function runPrivacyCycle(jira: JiraClient): Promise<CycleSummary> {
  const deadline = jira.deadline;
  const summary: CycleSummary = { reported: 0, closed: 0, erased: 0, failed: false, complete: false };
  summary.erased += await eraseQueued(jira);
  const state = (await deadline.run('storage read', () => kvs.get<CycleState>(CYCLE_KEY))) ?? {};
  let cursor = state.cursor;
  while (deadline.allows(ROUND_MS)) {
    const page = await readPage<HolderEntry>(ACCOUNT_PREFIX, REPORT_PAGE, deadline, cursor);
    if (!(await reportPage(page.entries, deadline, summary))) {
      summary.failed = true;
      break;
    }
    cursor = page.cursor;
    await deadline.run('storage write', () => kvs.set(CYCLE_KEY, cursor ? { cursor } : {}));
    if (!cursor) {
      summary.complete = true;
      break;
    }
  }
  if (!summary.failed) summary.erased += await eraseQueued(jira);
  console.info(
    `privacy: ${summary.reported} accounts reported, ${summary.closed} closed, ${summary.erased} erased${
      summary.failed
        ? ', report failed'
        : summary.complete
          ? ', cycle complete'
          : ', cycle continues next run'
    }`,
  );
  return summary;
}

/**
 * The `scheduledTrigger` function (weekly). Scheduled functions get 55 s by default
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/); the
 * deadline comes from the runtime's remaining time. The function reference asks for a response
 * object (`statusCode`), else the platform records 424; the module reference says a returned value is
 * ignored: answering `{ statusCode: 200 }` satisfies both.
 * https://developer.atlassian.com/platform/forge/function-reference/scheduled-trigger/
 */
export async function privacyTrigger(): Promise<{ statusCode: number }> {
  const jira = new JiraClient('app', { deadline: Deadline.forInvocation() });
  try {
    await runPrivacyCycle(jira);
    return { statusCode: 200 };
  } catch (error) {
    // Jira or storage failed mid-way: what is done stays done, the rest is for the next run.
    console.warn(`privacy: the weekly run stopped early (${error instanceof Error ? error.name : 'error'})`);
    return { statusCode: 500 };
  }
}
