/**
 * Finds the Jira transition that performs a customer action on an issue. The installer records the
 * ids per project (found by transition-property tag); for a project whose workflow was built by hand,
 * the transition is looked up among those Jira offers now, by its documented name and target status.
 */
import type { JiraClient } from '../jira/client';
import { getProjectConfig } from '../shared/project-config';
import { getCustomerTransition, normalizeStatusName, getStatus, type CustomerActionId } from '../workflow';

export const projectKeyOf = (issueKey: string): string => issueKey.slice(0, issueKey.lastIndexOf('-'));

export async function configuredTransitionId(
  issueKey: string,
  action: CustomerActionId,
): Promise<string | undefined> {
  const config = await getProjectConfig(projectKeyOf(issueKey));
  return config?.transitions[action];
}

/** The id among the transitions Jira offers from the issue's current status, or undefined if none fits. */
export async function lookUpTransitionId(
  jira: JiraClient,
  issueKey: string,
  action: CustomerActionId,
): Promise<string | undefined> {
  const wanted = getCustomerTransition(action);
  const target = normalizeStatusName(getStatus(wanted.to).name);
  const offered = await jira.getTransitions(issueKey);
  const match = offered.find(
    (t) =>
      normalizeStatusName(t.name) === normalizeStatusName(wanted.name) &&
      t.to !== undefined &&
      normalizeStatusName(t.to.name) === target &&
      t.isAvailable !== false,
  );
  return match?.id;
}
