/**
 * Which workflow status a request is in, known by a fact rather than by its name as customers see it.
 *
 * JSM's spec says only "Name of the status condition" of CustomerRequestStatusDTO.status, and an admin
 * may show customers another name per request type, even one name for several statuses (Atlassian's
 * JSM docs on a request type's workflow statuses: https://confluence.atlassian.com/x/iAliJw); JSM
 * may also translate it (the spec's "Request language"). So that name is trusted only when it is a workflow status's own name, in the
 * same category; otherwise the platform issue's status is read (one more Jira request) and known by
 * the id the installer recorded, or by its Jira name on a project the installer has not recorded.
 */
import type { JiraClient } from '../jira/client';
import type { CustomerRequest, JsmRequestStatus } from '../jira/types';
import { getProjectConfig, type ProjectWorkflowConfig } from '../shared/project-config';
import { findStatusByName, isStatusKey, type StatusKey } from '../workflow';
import { CATEGORY_FROM_JSM, statusView, type RequestStatusView } from './request-view';

export type { RequestStatusView };

export function projectKeyOf(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-'));
}

/** A platform status (Jira's StatusDetails, or an event's status): its id and Jira name. */
export interface PlatformStatus {
  id?: string | null;
  name?: string | null;
}

/** The workflow status of a platform status: by the id the installer recorded, else by its Jira name. */
export function statusKeyOf(
  config: ProjectWorkflowConfig | null,
  status: PlatformStatus | undefined,
): StatusKey | null {
  const byId = Object.entries(config?.statuses ?? {}).find(([, id]) => id === status?.id)?.[0];
  if (isStatusKey(byId)) return byId;
  return status?.name ? (findStatusByName(status.name)?.key ?? null) : null;
}

/**
 * The workflow status JSM's name says, when it can be trusted: a workflow status's own name, and
 * JSM's category agrees (or says none). Null otherwise: the status must then be known by its id.
 */
export function trustedShownKey(shown: JsmRequestStatus | undefined): StatusKey | null {
  // Stryker disable next-line StringLiteral: no workflow status is named by any stand-in for a missing name
  const byName = findStatusByName(shown?.status ?? '');
  // Stryker disable next-line StringLiteral: no JSM category is named by any stand-in for a missing one
  const category = CATEGORY_FROM_JSM[shown?.statusCategory ?? ''];
  return byName && (category === undefined || category === byName.category) ? byName.key : null;
}

/**
 * The workflow status of a JSM request's current status. The usual path costs no Jira request: the
 * name customers see is the workflow status's own and JSM's category agrees. Otherwise one read of
 * the platform issue's status.
 */
export async function currentStatusKey(
  jira: JiraClient,
  request: CustomerRequest,
): Promise<StatusKey | null> {
  const trusted = trustedShownKey(request.currentStatus);
  if (trusted !== null) return trusted;
  const [issue, config] = await Promise.all([
    jira.getIssue(request.issueKey, ['status']),
    jira.deadline.run('storage read', () => getProjectConfig(projectKeyOf(request.issueKey))),
  ]);
  return statusKeyOf(config, issue.fields.status);
}

/** The request's status for the portal: the name customers see, explained as the real status. */
export async function requestStatusView(
  jira: JiraClient,
  request: CustomerRequest,
): Promise<RequestStatusView> {
  return statusView(request.currentStatus, await currentStatusKey(jira, request));
}
