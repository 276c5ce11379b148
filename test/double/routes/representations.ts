/**
 * The JSON Jira sends for users, statuses and comments, built from state for one caller (dates are
 * rendered in the caller's time zone, as Jira renders them for the requesting user).
 */
import { jiraDateTime, jsmDate, textToAdf, textToHtml } from '../format';
import {
  findUser,
  statusById,
  type DoubleComment,
  type DoubleIssue,
  type DoubleRequestType,
  type DoubleStatus,
  type DoubleUser,
  type StatusCategoryKey,
} from '../state';
import type { HandlerContext } from './context';

/** A user the state no longer knows (deleted account), shown the way Jira shows former users. */
function formerUser(accountId: string): DoubleUser {
  return {
    accountId,
    displayName: 'Former user',
    accountType: 'atlassian',
    locale: 'en_US',
    timeZone: 'UTC',
    active: false,
  };
}

export function userOrFormer(ctx: HandlerContext, accountId: string): DoubleUser {
  return findUser(ctx.state, accountId) ?? formerUser(accountId);
}

export const platformDate = (ctx: HandlerContext, epochMillis: number): string =>
  jiraDateTime(epochMillis, ctx.caller.user.timeZone);

function avatarUrls(
  ctx: HandlerContext,
  user: DoubleUser,
): Record<'16x16' | '24x24' | '32x32' | '48x48', string> {
  const base = `${ctx.baseUrl}/avatar/${encodeURIComponent(user.accountId)}`;
  return { '16x16': `${base}/16`, '24x24': `${base}/24`, '32x32': `${base}/32`, '48x48': `${base}/48` };
}

const userSelf = (ctx: HandlerContext, user: DoubleUser): string =>
  `${ctx.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`;

/** Platform UserDetails (reporters, comment authors). */
export function userDetails(ctx: HandlerContext, user: DoubleUser): Record<string, unknown> {
  return {
    self: userSelf(ctx, user),
    accountId: user.accountId,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(ctx, user),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    accountType: user.accountType,
  };
}

/** Platform User (GET /myself, GET /user). */
export function platformUser(ctx: HandlerContext, user: DoubleUser): Record<string, unknown> {
  return {
    self: userSelf(ctx, user),
    accountId: user.accountId,
    accountType: user.accountType,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(ctx, user),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    locale: user.locale,
    groups: { size: 0, items: [] },
    applicationRoles: { size: 0, items: [] },
    expand: 'groups,applicationRoles',
  };
}

/** JSM UserDTO. */
export function jsmUser(ctx: HandlerContext, user: DoubleUser): Record<string, unknown> {
  return {
    accountId: user.accountId,
    displayName: user.displayName,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    active: user.active,
    timeZone: user.timeZone,
    _links: {
      jiraRest: userSelf(ctx, user),
      avatarUrls: avatarUrls(ctx, user),
      self: userSelf(ctx, user),
    },
  };
}

/** Jira's three status categories with their fixed ids, keys and colours. */
const CATEGORIES: Record<
  StatusCategoryKey,
  { id: number; key: string; colorName: string; name: string; jsm: string }
> = {
  TODO: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do', jsm: 'NEW' },
  IN_PROGRESS: {
    id: 4,
    key: 'indeterminate',
    colorName: 'yellow',
    name: 'In Progress',
    jsm: 'INDETERMINATE',
  },
  DONE: { id: 3, key: 'done', colorName: 'green', name: 'Done', jsm: 'DONE' },
};

/** Platform StatusDetails. Global statuses carry no scope; team-managed ones say which project. */
export function statusDetails(ctx: HandlerContext, status: DoubleStatus): Record<string, unknown> {
  const c = CATEGORIES[status.statusCategory];
  return {
    self: `${ctx.baseUrl}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${ctx.baseUrl}/`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${ctx.baseUrl}/rest/api/3/statuscategory/${c.id}`,
      id: c.id,
      key: c.key,
      colorName: c.colorName,
      name: c.name,
    },
    ...(status.scope.type === 'PROJECT'
      ? { scope: { type: 'PROJECT', project: { id: status.scope.projectId } } }
      : {}),
  };
}

/**
 * JSM CustomerRequestStatusDTO: the status under the name customers see for the request's type
 * (JSM's customer-visible status names), else its Jira name; the category stays the real status's.
 */
export function jsmStatus(
  ctx: HandlerContext,
  statusId: string,
  at: number,
  requestType?: DoubleRequestType,
): Record<string, unknown> {
  const status = statusById(ctx.state, statusId);
  return {
    status: requestType?.customerStatusNames?.[statusId] ?? status.name,
    statusCategory: CATEGORIES[status.statusCategory].jsm,
    statusDate: jsmDate(at, ctx.caller.user),
  };
}

/** Every status the issue has been in, oldest first, with the time it was reached. */
export function statusHistory(issue: DoubleIssue): { statusId: string; at: number }[] {
  const changes = issue.changelog.flatMap((entry) =>
    entry.items.filter((item) => item.field === 'status').map((item) => ({ entry, item })),
  );
  const first = changes[0]?.item.from ?? issue.statusId;
  return [
    { statusId: first, at: issue.created },
    ...changes.map(({ entry, item }) => ({ statusId: item.to, at: entry.created })),
  ];
}

/** When the status category last changed (Jira's `statuscategorychangedate`). */
export function statusCategoryChangedAt(ctx: HandlerContext, issue: DoubleIssue): number {
  let at = issue.created;
  let previous: StatusCategoryKey | undefined;
  for (const step of statusHistory(issue)) {
    const category = statusById(ctx.state, step.statusId).statusCategory;
    if (previous !== undefined && category !== previous) at = step.at;
    previous = category;
  }
  return at;
}

/** Platform Comment (v3: the body is a document). */
export function platformComment(
  ctx: HandlerContext,
  issue: DoubleIssue,
  comment: DoubleComment,
  rendered: boolean,
): Record<string, unknown> {
  const author = userDetails(ctx, userOrFormer(ctx, comment.authorId));
  return {
    self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    author,
    body: comment.adf ?? textToAdf(comment.body),
    ...(rendered ? { renderedBody: textToHtml(comment.body) } : {}),
    updateAuthor: author,
    created: platformDate(ctx, comment.created),
    updated: platformDate(ctx, comment.created),
    jsdPublic: comment.public,
  };
}

/** JSM CommentDTO (plain-text body). */
export function jsmComment(
  ctx: HandlerContext,
  issue: DoubleIssue,
  comment: DoubleComment,
  rendered: boolean,
): Record<string, unknown> {
  return {
    _expands: ['attachment', ...(rendered ? [] : ['renderedBody'])],
    id: comment.id,
    body: comment.body,
    ...(rendered ? { renderedBody: { html: textToHtml(comment.body) } } : {}),
    public: comment.public,
    author: jsmUser(ctx, userOrFormer(ctx, comment.authorId)),
    created: jsmDate(comment.created, ctx.caller.user),
    _links: { self: `${ctx.baseUrl}/rest/servicedeskapi/request/${issue.id}/comment/${comment.id}` },
  };
}

/** JSM paged envelope (PagedDTO…) with its links. */
export function jsmPage(
  ctx: HandlerContext,
  path: string,
  page: { items: unknown[]; start: number; limit: number; isLast: boolean },
): Record<string, unknown> {
  const self = `${ctx.baseUrl}${path}`;
  const at = (start: number): string => `${self}?start=${start}&limit=${page.limit}`;
  return {
    _expands: [],
    size: page.items.length,
    start: page.start,
    limit: page.limit,
    isLastPage: page.isLast,
    _links: {
      base: ctx.baseUrl,
      context: '',
      self,
      ...(page.isLast ? {} : { next: at(page.start + page.limit) }),
      ...(page.start > 0 ? { prev: at(Math.max(0, page.start - page.limit)) } : {}),
    },
    values: page.items,
  };
}
