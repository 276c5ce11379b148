/**
 * What the agent panel explains about a request, built from one Jira issue read (status, reporter,
 * the audit record as an issue property, the recent changelog). Pure, so every case is tested
 * without Jira; the resolver only fetches.
 */
import type { IssueBean } from '../jira/types';
import { AUDIT_PROPERTY_KEY, isAuditLog, type StoredAuditRecord } from '../portal/audit';
import type { StatusTexts } from '../texts/model';
import {
  customerActionsFrom,
  getCustomerTransition,
  getStatus,
  isCustomerActionId,
  isStatusKey,
  teamTransitionsFrom,
  type CustomerActionId,
  type StatusKey,
  type TransitionId,
} from '../workflow';

/** How many customer actions the panel lists: enough to see the last exchanges, short enough to read. */
export const RECENT_ACTIONS_SHOWN = 5;

export interface KnownStatusHelp {
  key: StatusKey;
  /** The status as Jira names it. */
  name: string;
  responseRequired: boolean;
  /** ISO 8601 instant the issue entered this status; null when Jira's history does not say. */
  since: string | null;
  /** The project's words for this status in the agent's language (src/texts), the team's note included. */
  texts?: StatusTexts;
}

export interface UnknownStatusHelp {
  key: null;
  name: string;
}

export interface RecentCustomerAction {
  at: string;
  action: CustomerActionId;
  /** The Jira transition name, e.g. "Customer answered". */
  actionName: string;
  /** Null once the account was closed and erased from the record (src/privacy/erase.ts). */
  accountId: string | null;
  /** Null when Jira could not tell who the account is (deleted, erased, or not visible to the agent). */
  displayName: string | null;
  from: StatusKey;
  to: StatusKey;
}

export interface StatusHelp {
  issueKey: string;
  /** `key: null` when the status is outside the workflow: the panel then stays out of the way. */
  status: KnownStatusHelp | UnknownStatusHelp;
  /** What the customer may do now, by Jira transition name. */
  customerActions: { id: CustomerActionId; name: string }[];
  nextTeamTransitions: { id: TransitionId; name: string }[];
  /** Newest first, at most RECENT_ACTIONS_SHOWN. */
  recentCustomerActions: RecentCustomerAction[];
}

/** What the resolver asks Jira for, in one request. */
export const ISSUE_FIELDS = ['status', 'reporter', 'created'] as const;
export const ISSUE_PROPERTIES = [AUDIT_PROPERTY_KEY] as const;
export const ISSUE_EXPAND = ['changelog'] as const;

const isStatusItem = (item: { field?: string; fieldId?: string }): boolean =>
  (item.fieldId ?? item.field) === 'status';

/**
 * When the issue entered its current status: the newest status change in the history Jira returned
 * (whatever its order). With no status change at all, the issue never moved, so it is its creation,
 * but only when Jira returned the whole history; a truncated one cannot tell.
 */
export function statusSince(issue: IssueBean): string | null {
  const histories = issue.changelog?.histories ?? [];
  let newest: number | null = null;
  for (const entry of histories) {
    if (!entry.items?.some(isStatusItem)) continue;
    const at = Date.parse(entry.created ?? '');
    if (!Number.isNaN(at) && (newest === null || at > newest)) newest = at;
  }
  if (newest !== null) return new Date(newest).toISOString();
  const complete = (issue.changelog?.total ?? histories.length) <= histories.length;
  const created = Date.parse(issue.fields.created ?? '');
  return complete && !Number.isNaN(created) ? new Date(created).toISOString() : null;
}

/** The audit records worth showing, newest first; malformed records (a hand-edited property) are skipped. */
export function recentAuditRecords(issue: IssueBean, limit = RECENT_ACTIONS_SHOWN): StoredAuditRecord[] {
  const log = issue.properties?.[AUDIT_PROPERTY_KEY];
  if (!isAuditLog(log)) return [];
  return log.records
    .filter(
      (r) =>
        isCustomerActionId(r.action) &&
        isStatusKey(r.from) &&
        isStatusKey(r.to) &&
        (r.accountId === undefined || typeof r.accountId === 'string') &&
        !Number.isNaN(Date.parse(r.at)),
    )
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, limit);
}

/** Display names Jira already gave with the issue (the reporter's); others need a lookup. */
export function knownNames(issue: IssueBean): Map<string, string> {
  const names = new Map<string, string>();
  const reporter = issue.fields.reporter;
  if (reporter?.accountId && reporter.displayName) names.set(reporter.accountId, reporter.displayName);
  return names;
}

/** The account ids of `records` whose name `names` does not hold yet, each once. */
export function namesToLookUp(
  records: readonly StoredAuditRecord[],
  names: ReadonlyMap<string, string>,
): string[] {
  return [...new Set(records.flatMap((r) => (r.accountId === undefined ? [] : [r.accountId])))].filter(
    (id) => !names.has(id),
  );
}

/** `key`: the workflow status the issue is in, known by its recorded id (statusKeyOf). */
export function statusHelpFor(
  issue: IssueBean,
  records: readonly StoredAuditRecord[],
  names: ReadonlyMap<string, string>,
  key: StatusKey | null,
): StatusHelp {
  const name = issue.fields.status?.name ?? '';
  const recentCustomerActions = records.map((r) => ({
    at: new Date(Date.parse(r.at)).toISOString(),
    action: r.action,
    actionName: getCustomerTransition(r.action).name,
    accountId: r.accountId ?? null,
    displayName: (r.accountId && names.get(r.accountId)) ?? null,
    from: r.from,
    to: r.to,
  }));
  const known = key === null ? undefined : getStatus(key);
  if (!known)
    return {
      issueKey: issue.key,
      status: { key: null, name },
      customerActions: [],
      nextTeamTransitions: [],
      recentCustomerActions,
    };
  return {
    issueKey: issue.key,
    status: {
      key: known.key,
      name,
      responseRequired: known.customerMustAct,
      since: statusSince(issue),
    },
    customerActions: customerActionsFrom(known.key).map((t) => ({ id: t.id, name: t.name })),
    nextTeamTransitions: teamTransitionsFrom(known.key).map((t) => ({ id: t.id, name: t.name })),
    recentCustomerActions,
  };
}
