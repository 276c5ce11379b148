/**
 * What the portal panel shows, computed from one JSM customer request. Pure, so every status and
 * edge case is tested without Jira.
 */
import {
  customerActionsFrom,
  findStatusByName,
  type CustomerActionId,
  type StatusCategory,
  type StatusKey,
} from '../workflow';
import type { CustomerRequest, JsmRequestStatus } from '../jira/types';

export interface RequestStatusView {
  /** The workflow key, or null for a status outside the workflow. */
  key: StatusKey | null;
  /** The status as Jira names it. */
  name: string;
  category: StatusCategory;
  responseRequired: boolean;
  /** ISO 8601 instant the request entered this status, when Jira says. */
  since: string | null;
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
const CATEGORY_FROM_JSM: Readonly<Record<string, StatusCategory>> = {
  NEW: 'TODO',
  INDETERMINATE: 'IN_PROGRESS',
  DONE: 'DONE',
};

export function statusView(status: JsmRequestStatus | undefined): RequestStatusView {
  const name = status?.status ?? '';
  const known = findStatusByName(name);
  return {
    key: known?.key ?? null,
    name,
    category: known?.category ?? CATEGORY_FROM_JSM[status?.statusCategory ?? ''] ?? 'IN_PROGRESS',
    responseRequired: known?.customerMustAct ?? false,
    since: status?.statusDate.iso8601 ?? null,
  };
}

export function actionsFor(key: StatusKey | null): ActionView[] {
  if (key === null) return [];
  return customerActionsFrom(key).map((t) => ({
    id: t.id,
    commentRequired: t.comment.required,
    maxCommentLength: t.comment.maxLength,
  }));
}

export function toRequestView(request: CustomerRequest): RequestView {
  const status = statusView(request.currentStatus);
  const history = (request.status?.values ?? [])
    .map((s) => ({ name: s.status, at: s.statusDate.iso8601, ms: s.statusDate.epochMillis }))
    .sort((a, b) => b.ms - a.ms)
    .map(({ name, at }) => ({ name, at }));
  return { issueKey: request.issueKey, status, history, actions: actionsFor(status.key) };
}
