/**
 * What the portal panel shows, computed from one JSM customer request. Pure, so every status and
 * edge case is tested without Jira.
 */
import {
  customerActionsFrom,
  getStatus,
  type CustomerActionId,
  type StatusCategory,
  type StatusKey,
} from '../workflow';
import type { CustomerRequest, JsmRequestStatus } from '../jira/types';
import type { CustomerStatusTexts } from '../texts/model';
import type { StatusDeadline } from '../waiting/deadline';

export interface RequestStatusView {
  /** The workflow status the request is really in (see current-status.ts), or null outside the workflow. */
  key: StatusKey | null;
  /** The status as the customer sees it on the portal: JSM's name, which an admin may have changed. */
  name: string;
  category: StatusCategory;
  responseRequired: boolean;
  /** ISO 8601 instant the request entered this status, when Jira says. */
  since: string | null;
  /** The status in the caller's language, the project's words (src/texts); absent outside the workflow. */
  texts?: CustomerStatusTexts;
  /** The automatic outcome the project's waiting rules plan (src/waiting/), when they plan one. */
  deadline?: StatusDeadline;
}

export interface ActionView {
  id: CustomerActionId;
  commentRequired: boolean;
  maxCommentLength: number;
}

export interface RequestView {
  issueKey: string;
  status: RequestStatusView;
  /** Newest first. */
  history: { name: string; at: string }[];
  actions: ActionView[];
}

/** JSM reports categories as NEW / INDETERMINATE / DONE; the workflow APIs as TODO / IN_PROGRESS / DONE. */
export const CATEGORY_FROM_JSM: Readonly<Record<string, StatusCategory>> = {
  NEW: 'TODO',
  INDETERMINATE: 'IN_PROGRESS',
  DONE: 'DONE',
};

/** JSM's status under the name customers see, explained as `key`, the workflow status it really is. */
export function statusView(status: JsmRequestStatus | undefined, key: StatusKey | null): RequestStatusView {
  const known = key === null ? undefined : getStatus(key);
  return {
    key,
    name: status?.status ?? '',
    // Stryker disable next-line StringLiteral: no JSM category is named by any stand-in for a missing one
    category: known?.category ?? CATEGORY_FROM_JSM[status?.statusCategory ?? ''] ?? 'IN_PROGRESS',
    responseRequired: known?.customerMustAct ?? false,
    since: status?.statusDate.iso8601 ?? null,
  };
}

export function actionsFor(key: StatusKey | null): ActionView[] {
  // Stryker disable next-line ConditionalExpression: no customer action starts outside the workflow either; the guard narrows the type
  if (key === null) return [];
  return customerActionsFrom(key).map((t) => ({
    id: t.id,
    commentRequired: t.comment.required,
    maxCommentLength: t.comment.maxLength,
  }));
}

/** `key`: the workflow status the request is in, from currentStatusKey. */
export function toRequestView(request: CustomerRequest, key: StatusKey | null): RequestView {
  const status = statusView(request.currentStatus, key);
  const history = (request.status?.values ?? [])
    .map((s) => ({ name: s.status, at: s.statusDate.iso8601, ms: s.statusDate.epochMillis }))
    .sort((a, b) => b.ms - a.ms)
    .map(({ name, at }) => ({ name, at }));
  return { issueKey: request.issueKey, status, history, actions: actionsFor(status.key) };
}
