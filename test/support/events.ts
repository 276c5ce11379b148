/**
 * Forge product events built from the Jira double's state, shaped as the platform delivers
 * `avi:jira:updated:issue` (https://developer.atlassian.com/platform/forge/events-reference/jira/),
 * and delivered to the app's trigger the way the platform does, manifest filter included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { statusMail } from '../../src/index';
import { jiraDateTime } from '../double/format';
import {
  DEMO_STATUS_IDS,
  DEMO_TRANSITION_IDS,
  DEMO_USERS,
  addIssue,
  applyTransition,
  findIssue,
  issueTypeById,
  projectOf,
  statusById,
  workflowOf,
  type DoubleIssue,
  type DoubleState,
} from '../double/state';
import type { TestApp } from './app';
import { TRANSITIONS, type StatusKey, type TransitionId } from '../../src/workflow';

export interface IssueUpdatedEvent {
  eventType: 'avi:jira:updated:issue';
  selfGenerated: boolean;
  atlassianId: string;
  associatedUsers: { associatedUsers: { accountId: string }[] };
  issue: {
    id: string;
    key: string;
    fields: Record<string, unknown>;
  };
  changelog: {
    id?: string;
    items: {
      field: string;
      fieldtype: string;
      fieldId: string;
      from: string | null;
      fromString: string | null;
      to: string | null;
      toString: string | null;
    }[];
  };
  associatedStatuses?: { id: string; name: string }[];
}

/** The event for one changelog entry of an issue (the newest unless `changelogId` is given). */
export function issueUpdatedEvent(
  state: DoubleState,
  issueKey: string,
  changelogId?: string,
): IssueUpdatedEvent {
  const issue = findIssue(state, issueKey);
  if (!issue) throw new Error(`no issue ${issueKey}`);
  const entry = changelogId ? issue.changelog.find((c) => c.id === changelogId) : issue.changelog.at(-1);
  if (!entry) throw new Error(`no changelog ${changelogId ?? '(newest)'} on ${issueKey}`);
  const project = projectOf(state, issue);
  const type = issueTypeById(state, issue.issueTypeId);
  const status = statusById(state, issue.statusId);
  const item = entry.items[0];
  return {
    eventType: 'avi:jira:updated:issue',
    // The platform marks what the app itself caused; `filter.ignoreSelf` drops exactly these.
    selfGenerated: entry.authorId === state.appAccountId,
    atlassianId: entry.authorId,
    associatedUsers: { associatedUsers: [{ accountId: entry.authorId }] },
    issue: {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: issue.summary,
        issuetype: { id: type.id, name: type.name, subtask: type.subtask },
        creator: { accountId: issue.reporter },
        created: jiraDateTime(issue.created, 'UTC'),
        project: { id: project.id, key: project.key, name: project.name },
        reporter: { accountId: issue.reporter },
        assignee: null,
        updated: jiraDateTime(entry.created, 'UTC'),
        status: { id: status.id, name: status.name },
      },
    },
    changelog: {
      id: entry.id,
      items: entry.items.map((i) => ({
        field: i.field,
        fieldtype: i.fieldtype,
        fieldId: i.field,
        from: i.from,
        fromString: i.fromString,
        to: i.to,
        toString: i.toString,
      })),
    },
    ...(item
      ? {
          associatedStatuses: [
            { id: item.from ?? '', name: item.fromString ?? '' },
            { id: item.to, name: item.toString },
          ],
        }
      : {}),
  };
}

/**
 * The event as the documented payload alone guarantees it: the events reference does not document
 * `changelog.id`, and types `issue.fields.updated` as optional. Without them, a change can only be
 * identified from what Jira says of it.
 */
export function withoutChangeIds(event: IssueUpdatedEvent): IssueUpdatedEvent {
  const { id: _id, ...changelog } = event.changelog;
  const { updated: _updated, ...fields } = event.issue.fields;
  return { ...event, issue: { ...event.issue, fields }, changelog };
}

/** An update that changed no status (the summary), as Jira sends for an edit. */
export function summaryEditEvent(
  state: DoubleState,
  issueKey: string,
  newSummary: string,
): IssueUpdatedEvent {
  const issue = findIssue(state, issueKey);
  if (!issue || issue.changelog.length === 0) throw new Error(`no issue with history ${issueKey}`);
  const base = issueUpdatedEvent(state, issueKey);
  return {
    ...base,
    selfGenerated: false,
    changelog: {
      id: String(90000 + issue.changelog.length),
      items: [
        {
          field: 'summary',
          fieldtype: 'jira',
          fieldId: 'summary',
          from: null,
          fromString: issue.summary,
          to: null,
          toString: newSummary,
        },
      ],
    },
  };
}

/**
 * A request that just entered `to` by `transition`, performed in Jira by `authorId` (an agent
 * unless given): created in the transition's first source status, then moved.
 */
export function requestMovedBy(
  state: DoubleState,
  transition: TransitionId,
  options: { authorId?: string; reporter?: string; summary?: string } = {},
): DoubleIssue {
  const model = TRANSITIONS.find((t) => t.id === transition);
  const from = model?.from[0];
  if (!model || !from) throw new Error(`no transition ${transition} with a source status`);
  const issue = addIssue(state, {
    summary: options.summary ?? `Demande de test (${transition})`,
    reporter: options.reporter ?? DEMO_USERS.reporter.accountId,
    statusId: DEMO_STATUS_IDS[from],
    created: state.now() - 60 * 60_000,
    stepMillis: 60_000,
  });
  moveIssue(state, issue, transition, options.authorId);
  return issue;
}

/** Moves an existing request on by one transition, performed in Jira by `authorId` (an agent unless given). */
export function moveIssue(
  state: DoubleState,
  issue: DoubleIssue,
  transition: TransitionId,
  authorId: string = DEMO_USERS.agent.accountId,
): void {
  const jiraTransition = workflowOf(state, issue).transitions.find(
    (t) => t.id === DEMO_TRANSITION_IDS[transition] && t.from.includes(issue.statusId),
  );
  if (!jiraTransition) throw new Error(`${transition} is not available on ${issue.key}`);
  // A person's next move is never in the same millisecond as the last change, as it may be here.
  const at = Math.max(state.now(), (issue.changelog.at(-1)?.created ?? 0) + 1);
  applyTransition(state, issue, jiraTransition, authorId, at);
}

/** A team transition into each status the workflow can enter by one (Ouvert is only created). */
export const ENTERED_BY: Readonly<Partial<Record<StatusKey, TransitionId>>> = {
  selected: 'select',
  transferred: 'transferToDevelopment',
  in_progress: 'startProgress',
  waiting_customer: 'requestInformation',
  resolved: 'resolve',
  waiting_approval: 'requestApproval',
  to_deliver: 'acceptedByCustomer',
  closed: 'close',
  reopened: 'reopen',
};

interface ManifestTrigger {
  key: string;
  function: string;
  events: string[];
  filter?: { ignoreSelf?: boolean };
}

function manifestTrigger(): ManifestTrigger {
  const manifest = parse(readFileSync(join(__dirname, '../../manifest.yml'), 'utf8')) as {
    modules: { trigger?: ManifestTrigger[]; function: { key: string; handler: string }[] };
  };
  const trigger = manifest.modules.trigger?.find((t) => t.events.includes('avi:jira:updated:issue'));
  if (!trigger) throw new Error('manifest.yml has no trigger on avi:jira:updated:issue');
  const fn = manifest.modules.function.find((f) => f.key === trigger.function);
  if (fn?.handler !== 'index.statusMail')
    throw new Error(`trigger function ${trigger.function} is not index.statusMail`);
  return trigger;
}

/**
 * Delivers an event as the platform does: dropped before any invocation when the manifest's
 * `filter.ignoreSelf` says so, else `statusMail(event, context)`. Returns what the handler returned,
 * or 'filtered' when the platform never invoked it.
 */
export function deliver(app: TestApp, event: IssueUpdatedEvent): Promise<unknown> {
  if (manifestTrigger().filter?.ignoreSelf === true && event.selfGenerated)
    return Promise.resolve('filtered');
  return app.forge.trigger(statusMail, event);
}

/** Invokes the trigger function directly, bypassing the platform's filter (what the code alone does). */
export function invokeTrigger(app: TestApp, event: IssueUpdatedEvent): Promise<unknown> {
  return app.forge.trigger(statusMail, event);
}
