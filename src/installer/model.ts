/**
 * The workflow the installer puts in Jira, derived from the model in src/workflow: names, the
 * references a create payload uses, the transition ids, where statuses sit in the editor, and
 * which workflow status an existing Jira status becomes when requests move. Pure.
 */
import {
  STATUSES,
  TRANSITIONS,
  TRANSITION_TAG_PROPERTY,
  findStatusByName,
  getStatus,
  normalizeStatusName,
  type StatusCategory,
  type StatusKey,
  type TransitionId,
  type WorkflowTransition,
} from '../workflow';

/**
 * One workflow per project, named after it: the name is how a later run finds a workflow an
 * interrupted run created before the scheme pointed at it (a new workflow has no usage yet).
 */
export const workflowNameFor = (projectKey: string): string => `Guide des statuts – ${projectKey}`;

export const WORKFLOW_DESCRIPTION =
  "Workflow du guide des statuts, installé par l'app Guide des statuts. Les transitions client portent la propriété " +
  `${TRANSITION_TAG_PROPERTY} : ne la supprimez pas.`;

/**
 * The reference a payload gives a model status. Any string unique within the payload would do;
 * these look like the UUIDs Atlassian's examples use and stay the same from run to run.
 */
export function statusReference(key: StatusKey): string {
  const index = STATUSES.findIndex((s) => s.key === key) + 1;
  return `6d1f7c2a-9b3e-4c5d-8e7f-${String(index).padStart(12, '0')}`;
}

/** Jira numbers transitions 1 (the initial one), 11, 21…; the model's order gives them. */
export function modelTransitionId(id: TransitionId): string {
  const index = TRANSITIONS.findIndex((t) => t.id === id);
  return index === 0 ? '1' : String(index * 10 + 1);
}

/** The model transition a tag names, if it names one. */
export function modelTransitionForTag(tag: string | undefined): WorkflowTransition | undefined {
  return tag === undefined ? undefined : TRANSITIONS.find((t) => t.id === tag);
}

/** Where a status sits in the workflow editor: the documented order, four to a row. */
export function layoutFor(key: StatusKey): { x: number; y: number } {
  const index = STATUSES.findIndex((s) => s.key === key);
  return { x: (index % 4) * 240, y: Math.floor(index / 4) * 160 };
}

/**
 * Statuses Jira Service Management creates by default, by what they mean for a customer. A status
 * the model names itself wins over this table; a status in neither goes by its category.
 */
const KNOWN_STATUS_NAMES: Readonly<Record<string, StatusKey>> = {
  open: 'open',
  'to do': 'open',
  'waiting for support': 'open',
  'selected for development': 'selected',
  'in progress': 'in_progress',
  'work in progress': 'in_progress',
  'waiting for customer': 'waiting_customer',
  'waiting for approval': 'waiting_approval',
  resolved: 'resolved',
  done: 'closed',
  closed: 'closed',
  reopened: 'reopened',
};

const BY_CATEGORY: Readonly<Record<StatusCategory, StatusKey>> = {
  // Still to be picked up by the team.
  TODO: 'open',
  // Somewhere in the team's hands; the customer is not asked anything.
  IN_PROGRESS: 'in_progress',
  // Finished: the customer may still reopen it.
  DONE: 'closed',
};

/** The workflow status a request in an existing Jira status moves to. */
export function targetStatusFor(status: { name: string; category: StatusCategory }): StatusKey {
  return (
    findStatusByName(status.name)?.key ??
    KNOWN_STATUS_NAMES[normalizeStatusName(status.name)] ??
    BY_CATEGORY[status.category]
  );
}

export const statusName = (key: StatusKey): string => getStatus(key).name;
