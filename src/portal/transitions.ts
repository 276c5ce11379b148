/**
 * Finds the Jira transition that performs a customer action on an issue. The installer records the
 * ids per project (found by transition-property tag); for a project whose workflow was built by hand,
 * the transition is looked up among those Jira offers now, by its documented name and target status.
 */
import type { JiraClient, TransitionExtras } from '../jira/client';
import { JiraError } from '../jira/errors';
import { getProjectConfig } from '../shared/project-config';
import { projectKeyOf } from './current-status';
import { getCustomerTransition, normalizeStatusName, getStatus, type CustomerActionId } from '../workflow';

async function configuredTransitionId(
  jira: JiraClient,
  issueKey: string,
  action: CustomerActionId,
): Promise<string | undefined> {
  const config = await jira.deadline.run('storage read', () => getProjectConfig(projectKeyOf(issueKey)));
  return config?.transitions[action];
}

/** The id among the transitions Jira offers from the issue's current status, or undefined if none fits. */
async function lookUpTransitionId(
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

/**
 * Performs the action's transition: by the id the installer recorded, else by the one Jira offers now
 * under the action's name. A recorded id Jira refuses (someone edited the workflow by hand since the
 * install) is looked up again once, so customers are not stuck until an admin reinstalls. Answers
 * false when no transition fits the issue's current status.
 */
export async function performCustomerTransition(
  jira: JiraClient,
  issueKey: string,
  action: CustomerActionId,
  extras: TransitionExtras,
): Promise<boolean> {
  const recorded = await configuredTransitionId(jira, issueKey, action);
  const id = recorded ?? (await lookUpTransitionId(jira, issueKey, action));
  if (id === undefined) return false;
  try {
    await jira.transitionIssue(issueKey, id, extras);
    return true;
  } catch (error) {
    if (recorded === undefined || !(error instanceof JiraError) || error.kind !== 'bad-request') throw error;
    const current = await lookUpTransitionId(jira, issueKey, action);
    if (current === undefined || current === recorded) throw error;
    await jira.transitionIssue(issueKey, current, extras);
    return true;
  }
}
