/**
 * Reads the Forge product event `avi:jira:updated:issue` (https://developer.atlassian.com/platform/forge/events-reference/jira/):
 * `{ eventType, selfGenerated, issue: { id, key, fields }, atlassianId, associatedUsers,
 *    changelog: { id?, items: [{ field, fieldId, fieldtype, from, fromString, to, toString }] },
 *    associatedStatuses? }`.
 * The page types the fields loosely and does not document `changelog.id`, so everything is read
 * defensively and the code works without it. Pure.
 */
import type { ChangeDetails } from '../jira/types';

export const ISSUE_UPDATED_EVENT = 'avi:jira:updated:issue';

export interface StatusChange {
  issueId: string;
  issueKey: string;
  /** From the event's `issue.fields.project`; null when the event does not carry it. */
  projectKey: string | null;
  /** Jira's changelog id: the same change delivered twice carries the same id. */
  changelogId: string | null;
  from: { id: string | null; name: string | null };
  to: { id: string; name: string };
  /** The platform's own flag for an event caused by this app (what `filter.ignoreSelf` drops). */
  selfGenerated: boolean;
  /** Epoch ms of the update, from `issue.fields.updated`, when the event carries it. */
  updatedAt: number | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** Ids arrive as strings; a number is accepted too, as some Jira payloads send them. */
const idText = (v: unknown): string | null => (typeof v === 'number' ? String(v) : text(v));

function statusItem(items: unknown): ChangeDetails | undefined {
  if (!Array.isArray(items)) return undefined;
  return items.find(
    (i): i is ChangeDetails => isRecord(i) && (i.fieldId ?? i.field) === 'status' && typeof i.to === 'string',
  );
}

/** The status change an issue event reports, or null when it reports none (or is not an issue update). */
export function statusChangeOf(event: unknown): StatusChange | null {
  if (!isRecord(event) || !isRecord(event.issue) || !isRecord(event.changelog)) return null;
  if (event.eventType !== undefined && event.eventType !== ISSUE_UPDATED_EVENT) return null;
  const item = statusItem(event.changelog.items);
  const issueId = idText(event.issue.id);
  const issueKey = text(event.issue.key);
  const toId = idText(item?.to);
  const toName = text(item?.toString);
  if (!item || !issueId || !issueKey || !toId || !toName) return null;
  const fields = isRecord(event.issue.fields) ? event.issue.fields : {};
  const project = isRecord(fields.project) ? fields.project : {};
  const updated = typeof fields.updated === 'string' ? Date.parse(fields.updated) : Number.NaN;
  return {
    issueId,
    issueKey,
    projectKey: text(project.key),
    changelogId: idText(event.changelog.id),
    from: { id: idText(item.from), name: text(item.fromString) },
    to: { id: toId, name: toName },
    selfGenerated: event.selfGenerated === true,
    updatedAt: Number.isNaN(updated) ? null : updated,
  };
}
