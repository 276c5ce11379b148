/** Pure queries over the workflow model. No I/O: every capability may import this. */
import {
  CUSTOMER_ACTION_IDS,
  STATUSES,
  TRANSITIONS,
  type CommentRule,
  type CustomerActionId,
  type StatusKey,
  type TransitionId,
  type WorkflowStatus,
  type WorkflowTransition,
} from './model';

export * from './model';

export interface CustomerTransition extends WorkflowTransition {
  readonly id: CustomerActionId;
  readonly performer: 'customer';
}

const statusesByKey = new Map<StatusKey, WorkflowStatus>(STATUSES.map((s) => [s.key, s]));

/**
 * Jira status names are compared the way a person would: case, accents written as combining marks,
 * typographic apostrophes and repeated spaces do not make a different status.
 */
export function normalizeStatusName(name: string): string {
  const spaced = name
    .normalize('NFC')
    .replace(/[\u2019\u2018`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  // Stryker disable next-line MethodExpression: upper or lower case, the same names compare equal, but for letters such as ß that no status name of the workflow or of Jira's defaults holds
  return spaced.toLocaleLowerCase('fr');
}

const statusesByName = new Map<string, WorkflowStatus>(STATUSES.map((s) => [normalizeStatusName(s.name), s]));

export function getStatus(key: StatusKey): WorkflowStatus {
  const status = statusesByKey.get(key);
  if (!status) throw new Error(`Unknown workflow status key: ${key}`);
  return status;
}

/** The workflow status a Jira status name stands for, or undefined for a status outside the workflow. */
export function findStatusByName(name: string): WorkflowStatus | undefined {
  return statusesByName.get(normalizeStatusName(name));
}

export function isStatusKey(value: unknown): value is StatusKey {
  return statusesByKey.has(value as StatusKey);
}

export function isCustomerActionId(value: unknown): value is CustomerActionId {
  return (CUSTOMER_ACTION_IDS as readonly unknown[]).includes(value);
}

export function isCustomerTransition(t: WorkflowTransition): t is CustomerTransition {
  return t.performer === 'customer';
}

export const CUSTOMER_TRANSITIONS: readonly CustomerTransition[] = TRANSITIONS.filter(isCustomerTransition);

export function getCustomerTransition(id: CustomerActionId): CustomerTransition {
  const t = CUSTOMER_TRANSITIONS.find((c) => c.id === id);
  if (!t) throw new Error(`Unknown customer action: ${id}`);
  return t;
}

/** Any transition of the workflow, the customer's or the team's, by its id. */
export function getTransition(id: TransitionId): WorkflowTransition {
  const t = TRANSITIONS.find((x) => x.id === id);
  if (!t) throw new Error(`Unknown transition: ${id}`);
  return t;
}

/** Transitions that leave a status (the initial create transition leaves none). */
export function transitionsFrom(status: StatusKey): WorkflowTransition[] {
  return TRANSITIONS.filter((t) => t.from.includes(status));
}

/** The customer actions available from a status, in the model's order. */
export function customerActionsFrom(status: StatusKey): CustomerTransition[] {
  return CUSTOMER_TRANSITIONS.filter((t) => t.from.includes(status));
}

/**
 * What the team normally does next from a status (agents may also perform customer transitions);
 * the app's automatic outcomes are not among them.
 */
export function teamTransitionsFrom(status: StatusKey): WorkflowTransition[] {
  return transitionsFrom(status).filter((t) => t.performer === 'team' && !t.automatic);
}

/** Whether the customer may take `action` from `status`; never from a status outside the workflow (null). */
export function isActionAvailable(action: CustomerActionId, status: StatusKey | null): status is StatusKey {
  const from: readonly (StatusKey | null)[] = getCustomerTransition(action).from;
  return from.includes(status);
}

export function initialStatus(): WorkflowStatus {
  // Stryker disable next-line ConditionalExpression: the model's first transition is its create transition (the model's tests check both)
  const create = TRANSITIONS.find((t) => t.from.length === 0);
  // Stryker disable next-line ConditionalExpression,StringLiteral: the model always has a create transition; only a broken model would throw
  if (!create) throw new Error('The workflow has no initial transition');
  return getStatus(create.to);
}

/** Every status reachable from `start` (including itself) by following transitions. */
export function reachableFrom(start: StatusKey): Set<StatusKey> {
  const seen = new Set<StatusKey>([start]);
  const queue: StatusKey[] = [start];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const t of transitionsFrom(current)) {
      if (!seen.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return seen;
}

/** Length as a person counts characters: an emoji or an accented letter is one. */
export function commentLength(text: string): number {
  let count = 0;
  for (const _ of text.normalize('NFC')) count++;
  return count;
}

export type CommentProblem = 'COMMENT_REQUIRED' | 'COMMENT_TOO_LONG';

/** Checks a comment against a rule. Blank text counts as no comment. */
export function checkComment(rule: CommentRule, text: string | undefined): CommentProblem | null {
  const blank = text === undefined || text.trim() === '';
  if (blank) return rule.required ? 'COMMENT_REQUIRED' : null;
  return commentLength(text) > rule.maxLength ? 'COMMENT_TOO_LONG' : null;
}
