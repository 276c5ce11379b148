/**
 * The `avi:jira:updated:issue` trigger: when a request enters a status its project sends e-mails
 * for, the reporter gets one, in their language, through Jira's own notification e-mail.
 *
 * Jira requests per e-mail: read the request (status now, reporter, summary, portal link), read the
 * reporter's locale, send: 3; plus one read of the change's changelog entry, alongside the request,
 * when the change is one a customer could have made from the portal (is it the app's own?). Events
 * that are not status changes, or whose status sends nothing, cost no Jira request.
 */
import { kvs } from '@forge/kvs';
import { getTranslator } from '../i18n';
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import type { ChangelogEntry, CustomerRequest } from '../jira/types';
import { currentStatusKey, projectKeyOf } from '../portal/current-status';
import { localNameOf } from '../texts/model';
import { overridesOrNone, statusTexts } from '../texts/resolve';
import { getProjectConfig } from '../shared/project-config';
import { mayWrite } from '../shared/license';
import { isKeyConflict } from '../shared/storage';
import {
  CUSTOMER_TRANSITIONS,
  TRANSITIONS,
  findStatusByName,
  isStatusKey,
  type StatusKey,
} from '../workflow';
import { statusChangeOf, type StatusChange } from './event';
import { composeMail, safePortalUrl } from './mail';
import { isOwnChange, readChangeEntry } from './own-change';
import { readMailSettings } from './settings';

export type MailOutcome =
  /** Not a status change, or on an issue the event does not describe well enough. */
  | 'ignored'
  /** The app made the change itself (a customer action performed through the portal). */
  | 'own-change'
  | 'outside-workflow'
  /** The project does not send e-mails for this status. */
  | 'not-configured'
  /** This change was already handled (the platform delivered the event again). */
  | 'duplicate'
  /** Not a service request (no customer), or no longer readable. */
  | 'not-a-request'
  /** The request left that status before the e-mail could go: telling the customer would mislead. */
  | 'moved-on'
  | 'sent'
  /** Jira refused the e-mail (outgoing mail off, invalid recipient…): retrying would not help. */
  | 'refused'
  /** Jira was unavailable: nothing was sent and the change is free to be handled again. */
  | 'failed'
  /** The installation's license is not active: the app sends nothing (src/shared/license.ts). */
  | 'unlicensed';

/** The same change may be delivered again for a while; a week covers any redelivery. */
const SENT_TTL = { value: 7, unit: 'DAYS' } as const;

/**
 * What a change is claimed under, so that each change sends at most one e-mail: Jira's changelog id,
 * the same in every delivery of the change.
 */
export const changeKey = (changelogId: string): string => `status-mail:${changelogId}`;

/**
 * Without a changelog id in the event (the events reference does not document it): the request's
 * entry into the status, by the date JSM gives it (`currentStatus.statusDate`), the same for every
 * delivery of that change and new for the next change into the same status.
 */
export const entryKey = (change: StatusChange, enteredAt: number): string =>
  `status-mail:${change.issueId}:${change.to.id}:${enteredAt}`;

/** The workflow status of a Jira status: by the id the installer recorded, else by name. */
async function workflowStatus(
  projectKey: string | null,
  status: { id: string | null; name: string | null },
): Promise<StatusKey | null> {
  const config = projectKey ? await getProjectConfig(projectKey) : null;
  const byId = Object.entries(config?.statuses ?? {}).find(([, id]) => id === status.id)?.[0];
  if (isStatusKey(byId)) return byId;
  return status.name ? (findStatusByName(status.name)?.key ?? null) : null;
}

/** Claims the change for this invocation; false when another delivery already did. */
async function claim(key: string): Promise<boolean> {
  try {
    await kvs.set(key, { state: 'claimed', at: Date.now() }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: SENT_TTL });
    return true;
  } catch (error) {
    if (isKeyConflict(error)) return false;
    throw error;
  }
}

/** The app's own moves: the customer's actions, and the waiting scan's automatic outcomes. */
const APP_TRANSITIONS = [...CUSTOMER_TRANSITIONS, ...TRANSITIONS.filter((t) => t.automatic)];

const couldBeCustomerAction = (from: StatusKey | null, to: StatusKey): boolean =>
  APP_TRANSITIONS.some((t) => t.to === to && (from === null || t.from.includes(from)));

const log = (issueKey: string, status: StatusKey | null, outcome: MailOutcome, detail = ''): void =>
  // Issue key, status and outcome only: no names, e-mail addresses or summaries in logs.
  console.info(`status-mail: ${issueKey} ${status ?? '-'} ${outcome}${detail ? ` (${detail})` : ''}`);

export async function handleIssueUpdated(event: unknown, jira = new JiraClient('app')): Promise<MailOutcome> {
  const change = statusChangeOf(event);
  if (!change) return 'ignored';
  // `filter.ignoreSelf` in the manifest drops these already; checked again in case it is ever lost.
  if (change.selfGenerated) return 'own-change';
  const to = await workflowStatus(change.projectKey, change.to);
  if (!to) return 'outside-workflow';
  if (!change.projectKey) return 'ignored';
  const settings = await readMailSettings(change.projectKey);
  if (!settings.statuses.includes(to)) return 'not-configured';
  const from = await workflowStatus(change.projectKey, change.from);

  // With Jira's changelog id the change is claimed before any Jira request: a redelivery costs none.
  if (change.changelogId)
    return underClaim(change.issueKey, to, changeKey(change.changelogId), () =>
      send(jira, change, from, to, false),
    );
  return send(jira, change, from, to, true);
}

/** Does `work` for a change no other delivery has claimed; a failure frees the change for a redelivery. */
async function underClaim(
  issueKey: string,
  to: StatusKey,
  key: string,
  work: () => Promise<MailOutcome>,
): Promise<MailOutcome> {
  if (!(await claim(key))) {
    log(issueKey, to, 'duplicate');
    return 'duplicate';
  }
  const outcome = await work().catch(async (error: unknown) => {
    await kvs.delete(key).catch(() => undefined);
    throw error;
  });
  if (outcome === 'failed') await kvs.delete(key).catch(() => undefined);
  else await kvs.set(key, { state: outcome, at: Date.now() }, { ttl: SENT_TTL });
  return outcome;
}

async function send(
  jira: JiraClient,
  change: StatusChange,
  from: StatusKey | null,
  to: StatusKey,
  claimOnceRead: boolean,
): Promise<MailOutcome> {
  const { issueKey } = change;
  const read = await readChange(jira, change, couldBeCustomerAction(from, to));
  if (typeof read === 'string') {
    log(issueKey, to, read);
    return read;
  }
  const { request, entry } = read;

  // JSM's name is the one customers see, maybe renamed for them: known by its id when that name does not say.
  let now: StatusKey | null;
  try {
    now = await currentStatusKey(jira, request);
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    const outcome = error.isTransient ? 'failed' : 'not-a-request';
    log(issueKey, to, outcome, 'status unreadable');
    return outcome;
  }
  if (now !== to) {
    log(issueKey, to, 'moved-on');
    return 'moved-on';
  }
  // Only a change a customer could make is read back; the app makes no other.
  if (entry && (await isOwnChange(jira, entry))) {
    log(issueKey, to, 'own-change', 'changelog');
    return 'own-change';
  }
  const enteredAt = request.currentStatus?.statusDate.epochMillis;
  // JSM dates every status; were it ever missing, no claim: it could hide the next change.
  if (!claimOnceRead || enteredAt === undefined) return mailReporter(jira, change, to, request);
  const key = entryKey(change, enteredAt);
  return underClaim(issueKey, to, key, () => mailReporter(jira, change, to, request));
}

/** The e-mail itself: the reporter, in their language, about the status the request is in. */
async function mailReporter(
  jira: JiraClient,
  change: StatusChange,
  to: StatusKey,
  request: CustomerRequest,
): Promise<MailOutcome> {
  const { issueKey } = change;
  const reporter = request.reporter?.accountId;
  if (!reporter) {
    log(issueKey, to, 'not-a-request', 'no reporter');
    return 'not-a-request';
  }

  const [{ locale, t }, overrides] = await Promise.all([
    reporterLocale(jira, reporter).then(getTranslator),
    overridesOrNone(projectKeyOf(issueKey)),
  ]);
  const texts = await statusTexts(overrides, locale, to);
  const shownName = request.currentStatus?.status ?? change.to.name;
  const mail = composeMail(t, {
    texts,
    localName: localNameOf(locale, texts.label, shownName),
    issueKey,
    summary: request.summary ?? '',
    status: { key: to, name: shownName },
    portalUrl: safePortalUrl(request._links?.web),
  });
  try {
    await jira.notify(issueKey, { ...mail, to: { reporter: true } });
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    const outcome = error.isTransient ? 'failed' : 'refused';
    // Logged so an administrator can see e-mails Jira would not send; never who or what.
    console.warn(
      `status-mail: Jira ${outcome === 'refused' ? 'refused' : 'could not take'} the e-mail for ${issueKey} (${to}): ${error.status ?? '-'} ${error.kind}`,
    );
    return outcome;
  }
  log(issueKey, to, 'sent');
  return 'sent';
}

/** The request as it is now and, when asked for, the change's changelog entry, in parallel. */
async function readChange(
  jira: JiraClient,
  change: StatusChange,
  withEntry: boolean,
): Promise<{ request: CustomerRequest; entry: ChangelogEntry | undefined } | 'failed' | 'not-a-request'> {
  try {
    const [request, entry] = await Promise.all([
      jira.getCustomerRequest(change.issueKey),
      withEntry ? readChangeEntry(jira, change) : undefined,
    ]);
    return { request, entry };
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    // Not found or forbidden: not a service request (a software issue), or gone since.
    return error.isTransient ? 'failed' : 'not-a-request';
  }
}

/** The reporter's Jira locale; French (the desk's language) when Jira does not say or cannot be asked. */
async function reporterLocale(jira: JiraClient, accountId: string): Promise<string | undefined> {
  try {
    return (await jira.getUser(accountId)).locale;
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    return undefined;
  }
}

/**
 * The Forge trigger function: `handler(event, context)`, as the platform invokes triggers. The context
 * carries `license` as every function's does ("Context is the same for all modules",
 * https://developer.atlassian.com/platform/forge/function-reference/arguments/); the runtime's app
 * context is read too. Under an inactive license nothing is read, claimed or sent. Assumed, not
 * documented: a product event trigger gets the same license as the site's resolvers.
 */
export async function statusMailTrigger(event: unknown, context?: unknown): Promise<MailOutcome> {
  if (!mayWrite(context)) {
    console.info('status-mail: license not active, nothing sent');
    return 'unlicensed';
  }
  return handleIssueUpdated(event);
}
