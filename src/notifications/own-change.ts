/**
 * Whether a status change is the app's own (a customer action it performed from the portal), decided
 * from that change's changelog entry, read from Jira: it carries the history metadata the app sends
 * with every customer transition, or its author is the app's account. No time window, no guess from
 * other changes.
 */
import { kvs } from '@forge/kvs';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import type { ChangelogEntry } from '../jira/types';
import type { StatusChange } from './event';

/**
 * The `historyMetadata.type` that src/portal/action-steps.ts (transitionOnce) sends with every
 * customer transition; test/notifications/own-change.test.ts checks the two agree. The platform's Changelog returns `historyMetadata` (specs/jira-platform-v3.json, Changelog); that
 * Jira keeps what an app sends is not said, hence the author check too.
 */
export const CUSTOMER_ACTION_HISTORY_TYPE = 'guide-des-statuts:customer-action';
/**
 * The `historyMetadata.type` the waiting scan (src/waiting/outcome.ts) sends with an automatic
 * outcome: the scan announces it itself (public comment, e-mail), so the status e-mail is not sent.
 */
export const WAITING_OUTCOME_HISTORY_TYPE = 'guide-des-statuts:waiting-outcome';
const OWN_HISTORY_TYPES: readonly (string | undefined)[] = [
  CUSTOMER_ACTION_HISTORY_TYPE,
  WAITING_OUTCOME_HISTORY_TYPE,
];

const APP_ACCOUNT_KEY = 'app-account-id';

/** The status item of an entry, when the entry changed the status. */
const statusTo = (entry: ChangelogEntry): string | null | undefined =>
  entry.items?.find((i) => (i.fieldId ?? i.field) === 'status')?.to;

/**
 * The changelog entry of this change: by the event's changelog id when it has one (an id the events
 * reference does not document); otherwise the issue's newest status change, provided it entered the
 * status the event names (`expand=changelog` lists "recent updates … starting from the most recent").
 * Undefined when Jira does not have it; a transient failure is thrown, for a redelivery to retry.
 */
export async function readChangeEntry(
  jira: JiraClient,
  change: StatusChange,
): Promise<ChangelogEntry | undefined> {
  try {
    const id = change.changelogId;
    if (id && /^\d+$/.test(id)) {
      const page = await jira.getChangelogsByIds(change.issueKey, [id]);
      return page.histories?.find((h) => h.id === id);
    }
    const issue = await jira.getIssue(change.issueKey, ['status'], { expand: ['changelog'] });
    const newest = issue.changelog?.histories?.find((h) => statusTo(h) != null);
    return newest && statusTo(newest) === change.to.id ? newest : undefined;
  } catch (error) {
    if (error instanceof JiraError && !error.isTransient) return undefined;
    throw error;
  }
}

/**
 * The app's own account id. Forge gives it nowhere: the invocation context has `installContext`,
 * `principal` (the user), `license`, `installation`; `getAppContext()` the app, environment and
 * installation ARIs (developer.atlassian.com/platform/forge/function-reference/arguments/,
 * …/runtime-reference/app-context-api/). Assumed, not documented: asApp, GET /myself answers as the
 * app's account, the author of the changes the app makes. Kept in Forge storage: it never changes.
 * Undefined when Jira cannot say; the history metadata and the platform's flag still tell.
 */
async function appAccountId(jira: JiraClient): Promise<string | undefined> {
  const known = await kvs.get<string>(APP_ACCOUNT_KEY);
  if (known) return known;
  try {
    const me = await jira.getMyself();
    if (me.accountType !== 'app') return undefined;
    await kvs.set(APP_ACCOUNT_KEY, me.accountId);
    return me.accountId;
  } catch (error) {
    if (error instanceof JiraError) return undefined;
    throw error;
  }
}

/**
 * The app made this change. The app's account is only looked up for a change an app account made
 * (UserDetails.accountType 'app'): an agent's change costs no request.
 */
export async function isOwnChange(jira: JiraClient, entry: ChangelogEntry): Promise<boolean> {
  if (OWN_HISTORY_TYPES.includes(entry.historyMetadata?.type)) return true;
  const author = entry.author;
  if (!author?.accountId || (author.accountType !== undefined && author.accountType !== 'app')) return false;
  return author.accountId === (await appAccountId(jira));
}
