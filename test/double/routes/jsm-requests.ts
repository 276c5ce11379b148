/** JSM: customer request, its status history, participants and comments. */
import { addComment, findIssue, projectOf, type DoubleIssue, type DoubleRequestType } from '../state';
import { jsmDate } from '../format';
import {
  JSM_REQUEST_NOT_FOUND,
  canBrowse,
  canSeeInternalComments,
  isAgentLike,
  requireProjectPermission,
  requireVisibleIssue,
} from './access';
import {
  JiraHttpError,
  bodyObject,
  paginate,
  pathParam,
  queryBool,
  queryInt,
  queryList,
  type Handler,
  type HandlerContext,
} from './context';
import { jsmComment, jsmPage, jsmStatus, jsmUser, statusHistory, userOrFormer } from './representations';

/** JSM pages default to 50 items. */
const DEFAULT_LIMIT = 50;
const EXPANDABLE = [
  'participant',
  'status',
  'sla',
  'requestType',
  'serviceDesk',
  'attachment',
  'action',
  'comment',
];

/** The request type of a request, for its customer-visible status names. */
function requestTypeOf(ctx: HandlerContext, issue: DoubleIssue): DoubleRequestType | undefined {
  return projectOf(ctx.state, issue).requestTypes.find((r) => r.id === issue.requestTypeId);
}

function visibleRequest(ctx: HandlerContext): DoubleIssue {
  return requireVisibleIssue(
    ctx.state,
    ctx.caller,
    findIssue(ctx.state, pathParam(ctx, 'issueIdOrKey')),
    JSM_REQUEST_NOT_FOUND,
  );
}

const requestPath = (issue: DoubleIssue, tail = ''): string =>
  `/rest/servicedeskapi/request/${issue.id}${tail}`;

function participantsPage(
  ctx: HandlerContext,
  issue: DoubleIssue,
  start: number,
  limit: number,
): Record<string, unknown> {
  const users = issue.participants.map((id) => jsmUser(ctx, userOrFormer(ctx, id)));
  return jsmPage(ctx, requestPath(issue, '/participant'), paginate(users, start, limit));
}

function visibleComments(
  ctx: HandlerContext,
  issue: DoubleIssue,
  wantPublic: boolean,
  wantInternal: boolean,
): DoubleIssue['comments'] {
  const internalAllowed = wantInternal && canSeeInternalComments(ctx.state, ctx.caller.user, issue);
  return issue.comments
    .filter((c) => (c.public ? wantPublic : internalAllowed))
    .sort((a, b) => a.created - b.created);
}

/** Optional expansions the double can build; `sla` and `attachment` are empty (not modelled). */
function expansion(ctx: HandlerContext, issue: DoubleIssue, name: string): [string, unknown] | undefined {
  const project = projectOf(ctx.state, issue);
  const requestType = project.requestTypes.find((r) => r.id === issue.requestTypeId);
  switch (name) {
    case 'participant':
      return ['participants', participantsPage(ctx, issue, 0, DEFAULT_LIMIT)];
    case 'status': {
      // Chronological here (the spec says so), unlike /request/{key}/status which lists the most recent first.
      const history = statusHistory(issue).map((s) => jsmStatus(ctx, s.statusId, s.at, requestType));
      return [
        'status',
        jsmPage(ctx, requestPath(issue, '/status'), paginate(history, 0, Math.max(history.length, 1))),
      ];
    }
    case 'sla':
      return ['sla', jsmPage(ctx, requestPath(issue, '/sla'), paginate([], 0, DEFAULT_LIMIT))];
    case 'attachment':
      return ['attachments', jsmPage(ctx, requestPath(issue, '/attachment'), paginate([], 0, DEFAULT_LIMIT))];
    case 'comment': {
      const comments = visibleComments(ctx, issue, true, true).map((c) => jsmComment(ctx, issue, c, false));
      return ['comments', jsmPage(ctx, requestPath(issue, '/comment'), paginate(comments, 0, DEFAULT_LIMIT))];
    }
    case 'requestType':
      return requestType
        ? [
            'requestType',
            {
              _expands: ['field'],
              id: requestType.id,
              _links: {
                self: `${ctx.baseUrl}/rest/servicedeskapi/servicedesk/${project.serviceDeskId}/requesttype/${requestType.id}`,
              },
              name: requestType.name,
              description: '',
              helpText: '',
              issueTypeId: requestType.issueTypeId,
              serviceDeskId: project.serviceDeskId,
              portalId: project.serviceDeskId,
              groupIds: [],
            },
          ]
        : undefined;
    case 'serviceDesk':
      return [
        'serviceDesk',
        {
          id: project.serviceDeskId,
          projectId: project.id,
          projectName: project.name,
          projectKey: project.key,
          _links: { self: `${ctx.baseUrl}/rest/servicedeskapi/servicedesk/${project.serviceDeskId}` },
        },
      ];
    case 'action': {
      const agent = isAgentLike(ctx.caller.user, project);
      return [
        'actions',
        {
          addAttachment: { allowed: true },
          addComment: { allowed: true },
          addParticipant: { allowed: agent || issue.reporter === ctx.caller.user.accountId },
          removeParticipant: { allowed: agent || issue.reporter === ctx.caller.user.accountId },
        },
      ];
    }
    default:
      return undefined; // JSM ignores unknown expansions.
  }
}

export const getCustomerRequestByIdOrKey: Handler = (ctx) => {
  const issue = visibleRequest(ctx);
  const project = projectOf(ctx.state, issue);
  const expand = new Set(queryList(ctx, 'expand') ?? []);
  const reporter = userOrFormer(ctx, issue.reporter);
  const body: Record<string, unknown> = {
    _expands: EXPANDABLE.filter((e) => !expand.has(e)),
    issueId: issue.id,
    issueKey: issue.key,
    summary: issue.summary,
    requestTypeId: issue.requestTypeId,
    serviceDeskId: project.serviceDeskId,
    createdDate: jsmDate(issue.created, ctx.caller.user),
    reporter: jsmUser(ctx, reporter),
    requestFieldValues: [{ fieldId: 'summary', label: 'Résumé', value: issue.summary }],
    currentStatus: jsmStatus(ctx, issue.statusId, issue.statusChangedAt, requestTypeOf(ctx, issue)),
    _links: {
      jiraRest: `${ctx.baseUrl}/rest/api/2/issue/${issue.id}`,
      web: `${ctx.baseUrl}/servicedesk/customer/portal/${project.serviceDeskId}/${issue.key}`,
      agent: `${ctx.baseUrl}/browse/${issue.key}`,
      self: `${ctx.baseUrl}${requestPath(issue)}`,
    },
  };
  for (const name of expand) {
    const entry = expansion(ctx, issue, name);
    if (entry) body[entry[0]] = entry[1];
  }
  return { status: 200, body };
};

/** The status history, most recent (current) status first, paged. */
export const getCustomerRequestStatus: Handler = (ctx) => {
  const issue = visibleRequest(ctx);
  const history = statusHistory(issue)
    .reverse()
    .map((s) => jsmStatus(ctx, s.statusId, s.at, requestTypeOf(ctx, issue)));
  const page = paginate(history, queryInt(ctx, 'start', 0), queryInt(ctx, 'limit', DEFAULT_LIMIT));
  return { status: 200, body: jsmPage(ctx, requestPath(issue, '/status'), page) };
};

export const getRequestParticipants: Handler = (ctx) => {
  const issue = visibleRequest(ctx);
  return {
    status: 200,
    body: participantsPage(ctx, issue, queryInt(ctx, 'start', 0), queryInt(ctx, 'limit', DEFAULT_LIMIT)),
  };
};

/**
 * Oldest first. As documented, a request the caller may not see gives an empty page rather than an
 * error (only a request that does not exist is 404), and customers get public comments only.
 */
export const getRequestComments: Handler = (ctx) => {
  const issue = findIssue(ctx.state, pathParam(ctx, 'issueIdOrKey'));
  if (!issue) throw new JiraHttpError(404, [JSM_REQUEST_NOT_FOUND]);
  const comments = canBrowse(ctx.state, ctx.caller.user, issue)
    ? visibleComments(ctx, issue, queryBool(ctx, 'public', true), queryBool(ctx, 'internal', true))
    : [];
  const rendered = (queryList(ctx, 'expand') ?? []).includes('renderedBody');
  const page = paginate(
    comments.map((c) => jsmComment(ctx, issue, c, rendered)),
    queryInt(ctx, 'start', 0),
    queryInt(ctx, 'limit', DEFAULT_LIMIT),
  );
  return { status: 200, body: jsmPage(ctx, requestPath(issue, '/comment'), page) };
};

/**
 * `{body, public}`: the body is stored as sent (plain text). `public` is required in practice
 * (documented 400), and customers may only create public comments.
 */
export const createRequestComment: Handler = (ctx) => {
  const issue = visibleRequest(ctx);
  const project = projectOf(ctx.state, issue);
  requireProjectPermission(
    ctx.caller.user,
    project,
    'ADD_COMMENTS',
    'You do not have permission to comment on this request.',
  );
  const body = bodyObject(ctx);
  if (typeof body.public !== 'boolean') throw new JiraHttpError(400, ["The 'public' field is required."]);
  if (typeof body.body !== 'string' || body.body.trim() === '')
    throw new JiraHttpError(400, ['The comment body can not be empty.']);
  if (!body.public && !isAgentLike(ctx.caller.user, project)) {
    throw new JiraHttpError(403, ['Customers can only add public comments.']);
  }
  const comment = addComment(ctx.state, issue, {
    authorId: ctx.caller.user.accountId,
    body: body.body,
    public: body.public,
  });
  return { status: 201, body: jsmComment(ctx, issue, comment, false) };
};
