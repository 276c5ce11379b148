/**
 * Finds and performs the Jira transition of a model transition on an issue: a customer action (the
 * portal) or an automatic outcome (the waiting scan). The installer records the ids per project
 * (found by transition-property tag); for a project whose workflow was built by hand, the transition
 * is looked up among those Jira offers now, by its documented name and target status.
 */
import type { JiraClient, TransitionExtras } from '../jira/client';
import { JiraError } from '../jira/errors';
import { getProjectConfig } from '../shared/project-config';
import { projectKeyOf } from './current-status';
import {
  getCustomerTransition,
  normalizeStatusName,
  getStatus,
  type CustomerActionId,
  type WorkflowTransition,
} from '../workflow';

/** What is looked for: the model's transition, and its target's Jira status id when recorded. */
export interface WantedTransition {
  transition: Pick<WorkflowTransition, 'name' | 'to'>;
  /** The target status's id the installer recorded; else the target is told by its name. */
  targetStatusId?: string;
}

async function configuredTransitionId(
  jira: JiraClient,
  issueKey: string,
  action: CustomerActionId,
): Promise<string | undefined> {
  // Stryker disable next-line StringLiteral: the label only reaches a DeadlineExceeded transitionOnce turns into an answer without it
  const config = await jira.deadline.run('storage read', () => getProjectConfig(projectKeyOf(issueKey)));
  return config?.transitions[action];
}

/** The id among the transitions Jira offers from the issue's current status, or undefined if none fits. */
export async function lookUpTransitionId(
  jira: JiraClient,
  issueKey: string,
  { transition, targetStatusId }: WantedTransition,
): Promise<string | undefined> {
  const target = normalizeStatusName(getStatus(transition.to).name);
  const offered = await jira.getTransitions(issueKey);
  const match = offered.find(
    (t) =>
      normalizeStatusName(t.name) === normalizeStatusName(transition.name) &&
      t.to !== undefined &&
      (targetStatusId !== undefined
        ? t.to.id === targetStatusId
        : normalizeStatusName(t.to.name) === target) &&
      t.isAvailable !== false,
  );
  return match?.id;
}

/**
 * Performs the transition: by the id the installer recorded, else by the one Jira offers now under
 * its name. A recorded id Jira refuses (someone edited the workflow by hand since the install) is
 * looked up again once, so nobody is stuck until an admin reinstalls. Answers false when no
 * transition fits the issue's current status.
 */
export async function performTransition(
  jira: JiraClient,
  issueKey: string,
  wanted: WantedTransition,
  recorded: string | undefined,
  extras: TransitionExtras,
): Promise<boolean> {
  const id = recorded ?? (await lookUpTransitionId(jira, issueKey, wanted));
  if (id === undefined) return false;
  try {
    await jira.transitionIssue(issueKey, id, extras);
    return true;
  } catch (error) {
    if (recorded === undefined || !(error instanceof JiraError) || error.kind !== 'bad-request') throw error;
    const current = await lookUpTransitionId(jira, issueKey, wanted);
    if (current === undefined || current === recorded) throw error;
    await jira.transitionIssue(issueKey, current, extras);
    return true;
  }
}

/** A customer action's transition, by the id recorded in the project's configuration or by name. */
export async function performCustomerTransition(
  jira: JiraClient,
  issueKey: string,
  action: CustomerActionId,
  extras: TransitionExtras,
): Promise<boolean> {
  const recorded = await configuredTransitionId(jira, issueKey, action);
  return performTransition(jira, issueKey, { transition: getCustomerTransition(action) }, recorded, extras);
}
