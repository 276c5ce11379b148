/** Platform: issue, transitions, changelog, notify. */
import { adfToText, isAdfDocument } from '../format';
import {
  addComment,
  applyTransition,
  availableTransitions,
  findIssue,
  findUser,
  issueTypeById,
  projectOf,
  statusById,
  type AdfNode,
  type DoubleChangelog,
  type DoubleIssue,
  type DoubleTransition,
} from '../state';
import { canSeeInternalComments, hasProjectPermission, isAgentLike, requireVisibleIssue } from './access';
import {
  JiraHttpError,
  bodyObject,
  pageBean,
  paginate,
  pathParam,
  queryInt,
  queryList,
  queryString,
  type HandlerContext,
  type Handler,
} from './context';
import {
  platformComment,
  platformDate,
  statusCategoryChangedAt,
  statusDetails,
  userDetails,
  userOrFormer,
} from './representations';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function visibleIssue(ctx: HandlerContext): DoubleIssue {
  return requireVisibleIssue(ctx.state, ctx.caller, findIssue(ctx.state, pathParam(ctx, 'issueIdOrKey')));
}

// --- GET /issue/{issueIdOrKey} ------------------------------------------------------------------

/** The fields the double models; `comment` is not navigable. */
const ALL_FIELDS = [
  'summary',
  'status',
  'reporter',
  'project',
  'issuetype',
  'created',
  'updated',
  'statuscategorychangedate',
  'comment',
];
const NAVIGABLE_FIELDS = ALL_FIELDS.filter((f) => f !== 'comment');
const FIELD_NAMES: Record<string, string> = {
  summary: 'Summary',
  status: 'Status',
  reporter: 'Reporter',
  project: 'Project',
  issuetype: 'Issue Type',
  created: 'Created',
  updated: 'Updated',
  statuscategorychangedate: 'Status Category Changed',
  comment: 'Comment',
};

/** `fields` as Jira reads it: *all, *navigable, names, and -name exclusions; unknown names are ignored. */
function selectFields(requested: string[] | undefined): string[] {
  if (requested === undefined) return ALL_FIELDS;
  const included = new Set<string>();
  const excluded = new Set<string>();
  for (const f of requested) {
    if (f === '*all') ALL_FIELDS.forEach((x) => included.add(x));
    else if (f === '*navigable') NAVIGABLE_FIELDS.forEach((x) => included.add(x));
    else if (f.startsWith('-')) excluded.add(f.slice(1));
    else if (ALL_FIELDS.includes(f)) included.add(f);
  }
  // Only exclusions ("-description") means all fields but those.
  const onlyExclusions = requested.every((f) => f.startsWith('-'));
  const base = onlyExclusions ? ALL_FIELDS : ALL_FIELDS.filter((f) => included.has(f));
  return base.filter((f) => !excluded.has(f));
}

function projectAvatarUrls(ctx: HandlerContext, projectId: string): Record<string, string> {
  const base = `${ctx.baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${projectId}`;
  return {
    '48x48': base,
    '24x24': `${base}?size=small`,
    '16x16': `${base}?size=xsmall`,
    '32x32': `${base}?size=medium`,
  };
}

function visibleComments(ctx: HandlerContext, issue: DoubleIssue): DoubleIssue['comments'] {
  return canSeeInternalComments(ctx.state, ctx.caller.user, issue)
    ? issue.comments
    : issue.comments.filter((c) => c.public);
}

function fieldValue(ctx: HandlerContext, issue: DoubleIssue, field: string): unknown {
  const project = projectOf(ctx.state, issue);
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'status':
      return statusDetails(ctx, statusById(ctx.state, issue.statusId));
    case 'reporter':
      return userDetails(ctx, userOrFormer(ctx, issue.reporter));
    case 'project':
      return {
        self: `${ctx.baseUrl}/rest/api/3/project/${project.id}`,
        id: project.id,
        key: project.key,
        name: project.name,
        projectTypeKey: project.projectTypeKey,
        simplified: project.style === 'next-gen',
        avatarUrls: projectAvatarUrls(ctx, project.id),
      };
    case 'issuetype': {
      const type = issueTypeById(ctx.state, issue.issueTypeId);
      return {
        self: `${ctx.baseUrl}/rest/api/3/issuetype/${type.id}`,
        id: type.id,
        description: type.description,
        iconUrl: `${ctx.baseUrl}/images/icons/issuetypes/${type.id}.svg`,
        name: type.name,
        subtask: type.subtask,
        hierarchyLevel: type.hierarchyLevel,
      };
    }
    case 'created':
      return platformDate(ctx, issue.created);
    case 'updated':
      return platformDate(ctx, issue.updated);
    case 'statuscategorychangedate':
      return platformDate(ctx, statusCategoryChangedAt(ctx, issue));
    case 'comment': {
      const comments = visibleComments(ctx, issue);
      return {
        comments: comments.map((c) => platformComment(ctx, issue, c, false)),
        self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      };
    }
    default:
      return undefined;
  }
}

function changelogEntry(ctx: HandlerContext, entry: DoubleChangelog): Record<string, unknown> {
  return {
    id: entry.id,
    author: userDetails(ctx, userOrFormer(ctx, entry.authorId)),
    created: platformDate(ctx, entry.created),
    ...(entry.historyMetadata ? { historyMetadata: entry.historyMetadata } : {}),
    // Nulls left out: ChangeDetails declares plain strings.
    items: entry.items.map((item) => ({
      field: item.field,
      fieldtype: item.fieldtype,
      fieldId: item.field,
      ...(item.from === null ? {} : { from: item.from }),
      ...(item.fromString === null ? {} : { fromString: item.fromString }),
      to: item.to,
      toString: item.toString,
    })),
  };
}

function transitionBean(
  ctx: HandlerContext,
  t: DoubleTransition,
  withFields: boolean,
): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    to: statusDetails(ctx, statusById(ctx.state, t.to)),
    hasScreen: t.hasScreen,
    isGlobal: false,
    isInitial: t.from.length === 0,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
    // Screens are not modelled field by field: a screen's fields are not described.
    ...(withFields ? { fields: {} } : {}),
  };
}

/** Transitions the caller may perform now; none without Transition Issues, as the spec says. */
function transitionsFor(ctx: HandlerContext, issue: DoubleIssue): DoubleTransition[] {
  if (!hasProjectPermission(ctx.caller.user, projectOf(ctx.state, issue), 'TRANSITION_ISSUES')) return [];
  return availableTransitions(ctx.state, issue);
}

function selectProperties(issue: DoubleIssue, requested: string[] | undefined): Record<string, unknown> {
  if (!requested) return {};
  const all = requested.includes('*all');
  const excluded = new Set(requested.filter((k) => k.startsWith('-')).map((k) => k.slice(1)));
  return Object.fromEntries(
    Object.entries(issue.properties).filter(([k]) => !excluded.has(k) && (all || requested.includes(k))),
  );
}

export const getIssue: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  const fields = selectFields(queryList(ctx, 'fields'));
  const expand = new Set(queryList(ctx, 'expand') ?? []);
  const body: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: Object.fromEntries(fields.map((f) => [f, fieldValue(ctx, issue, f)])),
  };
  const properties = selectProperties(issue, queryList(ctx, 'properties'));
  if (Object.keys(properties).length > 0) body.properties = properties;
  if (expand.has('names')) body.names = Object.fromEntries(fields.map((f) => [f, FIELD_NAMES[f] ?? f]));
  if (expand.has('transitions'))
    body.transitions = transitionsFor(ctx, issue).map((t) => transitionBean(ctx, t, false));
  if (expand.has('changelog')) {
    // The expand lists the most recent changes first (getChangeLogs lists the oldest first).
    const histories = [...issue.changelog].reverse().map((e) => changelogEntry(ctx, e));
    body.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }
  return { status: 200, body };
};

// --- transitions --------------------------------------------------------------------------------

export const getTransitions: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  const wanted = queryString(ctx, 'transitionId');
  const withFields = (queryList(ctx, 'expand') ?? []).includes('transitions.fields');
  // An unknown or unavailable transitionId gives an empty list, not an error.
  const transitions = transitionsFor(ctx, issue).filter((t) => wanted === undefined || t.id === wanted);
  return {
    status: 200,
    body: { expand: 'transitions', transitions: transitions.map((t) => transitionBean(ctx, t, withFields)) },
  };
};

const notOnScreen = (field: string): string =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

interface PendingComment {
  adf: AdfNode;
  text: string;
  public: boolean;
}

/** JSM marks a comment internal with the `sd.public.comment` property `{internal: true}`. */
export function isMarkedInternal(properties: unknown): boolean {
  if (!Array.isArray(properties)) return false;
  return properties.some(
    (p) => isRecord(p) && p.key === 'sd.public.comment' && isRecord(p.value) && p.value.internal === true,
  );
}

/** Reads `update.comment` of a transition with a screen; fills `errors` the way Jira reports them. */
function commentsFromUpdate(
  operations: unknown,
  agentLike: boolean,
  errors: Record<string, string>,
): PendingComment[] {
  const pending: PendingComment[] = [];
  for (const op of Array.isArray(operations) ? operations : []) {
    const add = isRecord(op) ? op.add : undefined;
    if (!isRecord(op) || Object.keys(op).some((verb) => verb !== 'add') || !isRecord(add)) {
      errors.comment = 'Comments can only be added during a transition.';
      continue;
    }
    if (!isAdfDocument(add.body)) {
      errors.comment = NOT_ADF;
      continue;
    }
    const text = adfToText(add.body);
    if (text.trim() === '') {
      errors.comment = 'Comment body can not be empty!';
      continue;
    }
    // Customers' comments are always public.
    pending.push({ adf: add.body, text, public: !agentLike || !isMarkedInternal(add.properties) });
  }
  return pending;
}

/**
 * Performs a transition available from the current status. A transition without a screen silently
 * drops `update.comment` (observed on live sites); other fields are rejected unless on a screen,
 * and the double's screens hold only the comment.
 */
export const doTransition: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  const project = projectOf(ctx.state, issue);
  if (!hasProjectPermission(ctx.caller.user, project, 'TRANSITION_ISSUES')) {
    throw new JiraHttpError(400, ['You do not have permission to transition this issue.']);
  }
  const body = bodyObject(ctx);
  const id = isRecord(body.transition) ? body.transition.id : undefined;
  if (typeof id !== 'string' || id === '') throw new JiraHttpError(400, ["Missing 'transition' identifier"]);
  const transition = availableTransitions(ctx.state, issue).find((t) => t.id === id);
  if (!transition) throw new JiraHttpError(400, [`Transition id '${id}' is not valid for this issue.`]);

  const errors: Record<string, string> = {};
  const fields = isRecord(body.fields) ? body.fields : {};
  const update = isRecord(body.update) ? body.update : {};
  for (const name of Object.keys(fields)) errors[name] = notOnScreen(name);
  let comments: PendingComment[] = [];
  for (const [name, operations] of Object.entries(update)) {
    if (name !== 'comment') errors[name] = notOnScreen(name);
    else if (transition.hasScreen)
      comments = commentsFromUpdate(operations, isAgentLike(ctx.caller.user, project), errors);
  }
  if (Object.keys(errors).length > 0) throw new JiraHttpError(400, [], errors);

  const now = ctx.state.now();
  const metadata = isRecord(body.historyMetadata) ? body.historyMetadata : undefined;
  applyTransition(ctx.state, issue, transition, ctx.caller.user.accountId, now, metadata);
  for (const c of comments) {
    addComment(ctx.state, issue, {
      authorId: ctx.caller.user.accountId,
      body: c.text,
      adf: c.adf,
      public: c.public,
      created: now,
    });
  }
  if (Array.isArray(body.properties)) {
    for (const p of body.properties)
      if (isRecord(p) && typeof p.key === 'string') issue.properties[p.key] = p.value;
  }
  return { status: 204 };
};

// --- changelog ----------------------------------------------------------------------------------

/** Oldest first, paged. */
export const getChangeLogs: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  const page = paginate(issue.changelog, queryInt(ctx, 'startAt', 0), queryInt(ctx, 'maxResults', 100));
  const self = `${ctx.baseUrl}/rest/api/3/issue/${issue.key}/changelog`;
  return {
    status: 200,
    body: pageBean(
      self,
      page,
      page.items.map((e) => changelogEntry(ctx, e)),
      { firstParam: 'maxResults' },
    ),
  };
};

/** The entries of the given ids (unknown ids are left out), oldest first. */
export const getChangeLogsByIds: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  const body = bodyObject(ctx);
  const ids = new Set((Array.isArray(body.changelogIds) ? body.changelogIds : []).map(String));
  const histories = issue.changelog.filter((e) => ids.has(e.id)).map((e) => changelogEntry(ctx, e));
  return {
    status: 200,
    body: { startAt: 0, maxResults: histories.length, total: histories.length, histories },
  };
};

// --- notify -------------------------------------------------------------------------------------

/**
 * Queues an e-mail: recorded in state.notifications. Recipients resolved: the reporter (`to.reporter`)
 * and listed users; assignee, watchers, voters and groups are not modelled. Whether Jira delivers to
 * portal-only customers is undocumented; the double records them like anyone else.
 */
export const notify: Handler = (ctx) => {
  const issue = requireVisibleIssue(
    ctx.state,
    ctx.caller,
    findIssue(ctx.state, pathParam(ctx, 'issueIdOrKey')),
    'Issue does not exist.',
  );
  if (ctx.state.outgoingMailDisabled) throw new JiraHttpError(403, ['Outgoing emails are disabled.']);
  const body = bodyObject(ctx);
  const to = isRecord(body.to) ? body.to : {};
  const recipients = new Set<string>();
  if (to.reporter === true) recipients.add(issue.reporter);
  for (const u of Array.isArray(to.users) ? to.users : []) {
    const accountId = isRecord(u) && typeof u.accountId === 'string' ? u.accountId : undefined;
    if (!accountId || !findUser(ctx.state, accountId)) {
      throw new JiraHttpError(400, [`The recipient '${accountId ?? ''}' is invalid.`]);
    }
    recipients.add(accountId);
  }
  if (recipients.size === 1 && recipients.has(ctx.caller.user.accountId)) {
    throw new JiraHttpError(400, ['The recipient is the same as the calling user.']);
  }
  ctx.state.notifications.push({
    issueId: issue.id,
    issueKey: issue.key,
    senderAccountId: ctx.caller.user.accountId,
    ...(typeof body.subject === 'string' ? { subject: body.subject } : {}),
    ...(typeof body.textBody === 'string' ? { textBody: body.textBody } : {}),
    ...(typeof body.htmlBody === 'string' ? { htmlBody: body.htmlBody } : {}),
    ...(body.to !== undefined ? { to: body.to } : {}),
    ...(body.restrict !== undefined ? { restrict: body.restrict } : {}),
    recipients: [...recipients],
    sentAt: ctx.state.now(),
  });
  return { status: 204 };
};
