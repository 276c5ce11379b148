/**
 * The `avi:jira:updated:issue` trigger: when a request enters a status its project sends e-mails
 * for, the reporter gets one, in their language, through Jira's own notification e-mail.
 *
 * Jira requests per e-mail: read the request (status now, reporter, summary, portal link), read the
 * reporter's locale, send: 3; plus one read of the audit record when the change is one a customer
 * could have made from the portal. Events that are not status changes, or whose status sends
 * nothing, cost no Jira request.
 */
import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { getTranslator } from '../i18n';
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import type { CustomerRequest } from '../jira/types';
import { AUDIT_PROPERTY_KEY, isAuditLog, type AuditLog } from '../portal/audit';
import { currentStatusKey } from '../portal/current-status';
import { getProjectConfig } from '../shared/project-config';
import { CUSTOMER_TRANSITIONS, findStatusByName, isStatusKey, type StatusKey } from '../workflow';
import { statusChangeOf, type StatusChange } from './event';
import { composeMail, safePortalUrl } from './mail';
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
  | 'failed';

/** The same change may be delivered again for a while; a week covers any redelivery. */
const SENT_TTL = { value: 7, unit: 'DAYS' } as const;
/**
 * How far apart the audit record and the change may be to be the same customer action: the portal
 * writes the record in the very request that transitions, so seconds apart; minutes leave room for
 * clock differences without matching an older action.
 */
const SAME_ACTION_WINDOW_MS = 5 * 60_000;

/** Keyed by Jira's changelog id; without one (undocumented field), by what identifies the change. */
export function sentKey(change: StatusChange): string {
  if (change.changelogId) return `status-mail:${change.changelogId}`;
  return `status-mail:${change.issueId}:${change.to.id}:${change.updatedAt ?? 'unknown'}`;
}

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
    if (error instanceof ForgeKvsAPIError && error.code === 'KEY_CONFLICT') return false;
    throw error;
  }
}

/** A change a customer makes from the portal is recorded in the audit in the same request. */
function isRecordedCustomerAction(
  audit: AuditLog | undefined,
  from: StatusKey | null,
  to: StatusKey,
  changedAt: number,
): boolean {
  const last = audit?.records.reduce<AuditLog['records'][number] | undefined>(
    (newest, r) => (!newest || Date.parse(r.at) > Date.parse(newest.at) ? r : newest),
    undefined,
  );
  return (
    last !== undefined &&
    last.to === to &&
    (from === null || last.from === from) &&
    Math.abs(Date.parse(last.at) - changedAt) <= SAME_ACTION_WINDOW_MS
  );
}

const couldBeCustomerAction = (from: StatusKey | null, to: StatusKey): boolean =>
  CUSTOMER_TRANSITIONS.some((t) => t.to === to && (from === null || t.from.includes(from)));

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

  const key = sentKey(change);
  if (!(await claim(key))) {
    log(change.issueKey, to, 'duplicate');
    return 'duplicate';
  }
  const outcome = await send(jira, change, from, to).catch(async (error: unknown) => {
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
): Promise<MailOutcome> {
  const { issueKey } = change;
  const read = await readRequest(jira, issueKey, couldBeCustomerAction(from, to));
  if (typeof read === 'string') {
    log(issueKey, to, read);
    return read;
  }
  const { request, audit } = read;

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
  const changedAt = request.currentStatus?.statusDate.epochMillis ?? change.updatedAt ?? Date.now();
  if (isRecordedCustomerAction(isAuditLog(audit) ? audit : undefined, from, to, changedAt)) {
    log(issueKey, to, 'own-change', 'recorded customer action');
    return 'own-change';
  }
  const reporter = request.reporter?.accountId;
  if (!reporter) {
    log(issueKey, to, 'not-a-request', 'no reporter');
    return 'not-a-request';
  }

  const { t } = await getTranslator(await reporterLocale(jira, reporter));
  const mail = composeMail(t, {
    issueKey,
    summary: request.summary ?? '',
    status: { key: to, name: request.currentStatus?.status ?? change.to.name },
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

/** The request as it is now, and the audit record when asked for, in parallel. */
async function readRequest(
  jira: JiraClient,
  issueKey: string,
  withAudit: boolean,
): Promise<{ request: CustomerRequest; audit: unknown } | 'failed' | 'not-a-request'> {
  try {
    const [request, audit] = await Promise.all([
      jira.getCustomerRequest(issueKey),
      withAudit ? jira.getIssueProperty<unknown>(issueKey, AUDIT_PROPERTY_KEY) : undefined,
    ]);
    return { request, audit };
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

/** The Forge trigger function: `handler(event, context)`, as the platform invokes triggers. */
export function statusMailTrigger(event: unknown, _context?: unknown): Promise<MailOutcome> {
  return handleIssueUpdated(event);
}
