/**
 * The requests waiting on the customer in a project, read a page at a time by one JQL search that
 * brings everything the scan decides on: the status, the reporter, the summary, the audit record and
 * the recent changelog (when the request entered its status). A request with nothing due costs no
 * further Jira request.
 */
import type { JiraClient } from '../jira/client';
import type { IssueBean } from '../jira/types';
import { statusKeyOf } from '../portal/current-status';
import type { ProjectWorkflowConfig } from '../shared/project-config';
import { getStatus } from '../workflow';
import { AUDIT_PROPERTY_KEY } from './audit';
import { WAITING_STATUSES, type WaitingStatus } from './rules';

/** Search pages: 100 issues, the most the endpoint documents returning per page. */
export const PAGE_SIZE = 100;

export interface WaitingRequest {
  issueId: string;
  issueKey: string;
  status: WaitingStatus;
  /** This stay in the status: the changelog id of the entry into it, or 'created'. */
  entry: string;
  enteredAt: number;
  reporter: string | null;
  audit: unknown;
}

/** JQL values in double quotes, with quotes and backslashes escaped. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The bounded query: the project's two waiting statuses, by id when the installer recorded them. */
export function waitingJql(projectKey: string, config: ProjectWorkflowConfig | null): string {
  const statuses = WAITING_STATUSES.map((s) => config?.statuses[s] ?? getStatus(s).name).map(quoted);
  return `project = ${quoted(projectKey)} AND status in (${statuses.join(', ')}) ORDER BY key ASC`;
}

/**
 * When the request entered the status it is in: its newest status change into it (`expand=changelog`
 * lists "recent updates … starting from the most recent"); its creation when it never changed
 * status. Undefined when the changelog Jira returned is cut short before that entry.
 */
export function entryOf(issue: IssueBean): { entry: string; at: number } | undefined {
  const statusId = issue.fields.status?.id;
  const histories = issue.changelog?.histories ?? [];
  for (const h of histories) {
    const into = h.items?.some((i) => (i.fieldId ?? i.field) === 'status' && i.to === statusId);
    const at = Date.parse(h.created ?? '');
    if (into && !Number.isNaN(at)) return { entry: h.id, at };
  }
  const complete = (issue.changelog?.total ?? histories.length) <= histories.length;
  const anyStatusChange = histories.some((h) => h.items?.some((i) => (i.fieldId ?? i.field) === 'status'));
  const created = Date.parse(issue.fields.created ?? '');
  return complete && !anyStatusChange && !Number.isNaN(created)
    ? { entry: 'created', at: created }
    : undefined;
}

export function toWaitingRequest(
  issue: IssueBean,
  config: ProjectWorkflowConfig | null,
): WaitingRequest | null {
  const key = statusKeyOf(config, issue.fields.status);
  const status = WAITING_STATUSES.find((s) => s === key);
  const entry = entryOf(issue);
  if (!status || !entry) return null;
  return {
    issueId: issue.id,
    issueKey: issue.key,
    status,
    entry: entry.entry,
    enteredAt: entry.at,
    reporter: issue.fields.reporter?.accountId ?? null,
    audit: issue.properties?.[AUDIT_PROPERTY_KEY],
  };
}

export async function searchWaiting(
  jira: JiraClient,
  projectKey: string,
  config: ProjectWorkflowConfig | null,
  nextPageToken: string | undefined,
): Promise<{ requests: WaitingRequest[]; skipped: number; nextPageToken: string | undefined }> {
  const page = await jira.searchIssues(waitingJql(projectKey, config), ['status', 'reporter', 'created'], {
    properties: [AUDIT_PROPERTY_KEY],
    expand: 'changelog',
    maxResults: PAGE_SIZE,
    ...(nextPageToken ? { nextPageToken } : {}),
  });
  const issues = page.issues ?? [];
  const requests = issues.map((i) => toWaitingRequest(i, config)).filter((r) => r !== null);
  return {
    requests,
    skipped: issues.length - requests.length,
    nextPageToken: page.isLast === false ? page.nextPageToken : undefined,
  };
}
