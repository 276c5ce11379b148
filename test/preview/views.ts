/** The double's state as the preview page shows it: the demo project's requests, and one request in full. */
import { SUPPORTED_LOCALES } from '../../src/i18n/locales';
import { AUDIT_PROPERTY_KEY } from '../../src/portal/audit';
import {
  DEMO_PROJECT,
  DEMO_USERS,
  findIssue,
  findProject,
  findUser,
  statusById,
  type DoubleState,
} from '../double';
import type { RequestState, SiteView, ViewerOption } from './types';

const nameOf = (state: DoubleState, accountId: string): string =>
  findUser(state, accountId)?.displayName ?? accountId;

/** The three people the preview can look at the portal as. */
export const VIEWERS: readonly ViewerOption[] = [
  { ...pick(DEMO_USERS.reporter), role: 'reporter' },
  { ...pick(DEMO_USERS.participant), role: 'participant' },
  { ...pick(DEMO_USERS.otherCustomer), role: 'otherCustomer' },
];

function pick(user: {
  accountId: string;
  displayName: string;
}): Pick<ViewerOption, 'accountId' | 'displayName'> {
  return { accountId: user.accountId, displayName: user.displayName };
}

/** Oldest key first: SUP-1 … SUP-10, then any request added since. */
const byNumber = (a: { key: string }, b: { key: string }): number =>
  Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]);

export function siteView(state: DoubleState): SiteView {
  const project = findProject(state, DEMO_PROJECT.key);
  return {
    projectName: project ? `${project.name} (${project.key})` : DEMO_PROJECT.key,
    requests: state.issues
      .filter((issue) => issue.projectId === DEMO_PROJECT.id)
      .sort(byNumber)
      .map((issue) => ({
        key: issue.key,
        summary: issue.summary,
        statusName: statusById(state, issue.statusId).name,
      })),
    viewers: [...VIEWERS],
    locales: SUPPORTED_LOCALES.map((locale) => locale.replace('-', '_')),
    agentName: DEMO_USERS.agent.displayName,
    adminName: DEMO_USERS.admin.displayName,
  };
}

export function requestState(state: DoubleState, key: string): RequestState | undefined {
  const issue = findIssue(state, key);
  if (!issue) return undefined;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const requestType = findProject(state, issue.projectId)?.requestTypes.find(
    (type) => type.id === issue.requestTypeId,
  );
  return {
    key: issue.key,
    summary: issue.summary,
    requestType: requestType?.name ?? '',
    status: { name: statusById(state, issue.statusId).name, since: iso(issue.statusChangedAt) },
    reporter: nameOf(state, issue.reporter),
    participants: issue.participants.map((id) => nameOf(state, id)),
    comments: issue.comments.map((comment) => ({
      id: comment.id,
      author: nameOf(state, comment.authorId),
      public: comment.public,
      created: iso(comment.created),
      body: comment.body,
    })),
    audit: issue.properties[AUDIT_PROPERTY_KEY] ?? null,
    history: issue.changelog.flatMap((entry) =>
      entry.items.map((item) => ({
        at: iso(entry.created),
        author: nameOf(state, entry.authorId),
        from: item.fromString,
        to: item.toString,
      })),
    ),
  };
}
