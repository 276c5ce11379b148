/** JSM: a service desk by id or project identifier, the caller's customer requests, one comment. */
import { findIssue, projectOf, type DoubleIssue, type DoubleProject } from '../state';
import { jsmDate } from '../format';
import { JSM_REQUEST_NOT_FOUND, canBrowse, canSeeInternalComments, requireVisibleIssue } from './access';
import {
  JiraHttpError,
  paginate,
  pathParam,
  queryInt,
  queryList,
  queryString,
  type Handler,
  type HandlerContext,
} from './context';
import { jsmComment, jsmPage, jsmStatus, jsmUser, userOrFormer } from './representations';

/** JSM pages default to 50 items. */
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
const DEFAULT_LIMIT = 50;

/**
 * `{serviceDeskId}` also accepts `projectKey:ABC`, `projectId:10012` and `serviceDeskId:15`, as
 * JSM's spec documents ("Using project identifiers").
 */
function serviceDeskOf(ctx: HandlerContext, identifier: string): DoubleProject | undefined {
  const [kind, value] = identifier.includes(':') ? identifier.split(':', 2) : ['serviceDeskId', identifier];
  return ctx.state.projects.find(
    (p) =>
      p.projectTypeKey === 'service_desk' &&
      ((kind === 'serviceDeskId' && p.serviceDeskId === value) ||
        (kind === 'projectId' && p.id === value) ||
        (kind === 'projectKey' && p.key === value)),
  );
}

export const getServiceDeskById: Handler = (ctx) => {
  const project = serviceDeskOf(ctx, pathParam(ctx, 'serviceDeskId'));
  if (!project) throw new JiraHttpError(404, ['The service desk does not exist.']);
  return {
    status: 200,
    body: {
      id: project.serviceDeskId,
      projectId: project.id,
      projectName: project.name,
      projectKey: project.key,
      projectTypeKey: project.projectTypeKey,
      _links: { self: `${ctx.baseUrl}/rest/servicedeskapi/servicedesk/${project.serviceDeskId}` },
    },
  };
};

/** Latest activity: the last status change or comment, whichever is newer. */
const lastActivity = (issue: DoubleIssue): number =>
  Math.max(issue.statusChangedAt, issue.created, ...issue.comments.map((c) => c.created));

/**
 * The requests the caller may see, newest activity first, as documented; `serviceDeskId` and
 * `requestTypeId` filter them. Ownership and open/closed filters are not modelled (all requests).
 */
export const getCustomerRequests: Handler = (ctx) => {
  const desk = queryString(ctx, 'serviceDeskId');
  const type = queryString(ctx, 'requestTypeId');
  const expand = new Set(queryList(ctx, 'expand') ?? []);
  const requests = ctx.state.issues
    .filter((issue) => canBrowse(ctx.state, ctx.caller.user, issue))
    .filter((issue) => desk === undefined || projectOf(ctx.state, issue).serviceDeskId === desk)
    .filter((issue) => type === undefined || issue.requestTypeId === type)
    .sort((a, b) => lastActivity(b) - lastActivity(a))
    .map((issue) => {
      const project = projectOf(ctx.state, issue);
      const requestType = project.requestTypes.find((r) => r.id === issue.requestTypeId);
      return {
        ...(expand.has('requestType') && requestType
          ? {
              requestType: {
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
            }
          : {}),
        _expands: EXPANDABLE.filter((e) => !expand.has(e)),
        issueId: issue.id,
        issueKey: issue.key,
        summary: issue.summary,
        requestTypeId: issue.requestTypeId,
        serviceDeskId: project.serviceDeskId,
        createdDate: jsmDate(issue.created, ctx.caller.user),
        reporter: jsmUser(ctx, userOrFormer(ctx, issue.reporter)),
        requestFieldValues: [{ fieldId: 'summary', label: 'Résumé', value: issue.summary }],
        currentStatus: jsmStatus(ctx, issue.statusId, issue.statusChangedAt, requestType),
        _links: {
          jiraRest: `${ctx.baseUrl}/rest/api/2/issue/${issue.id}`,
          web: `${ctx.baseUrl}/servicedesk/customer/portal/${project.serviceDeskId}/${issue.key}`,
          agent: `${ctx.baseUrl}/browse/${issue.key}`,
          self: `${ctx.baseUrl}/rest/servicedeskapi/request/${issue.id}`,
        },
      };
    });
  const page = paginate(requests, queryInt(ctx, 'start', 0), queryInt(ctx, 'limit', DEFAULT_LIMIT));
  return { status: 200, body: jsmPage(ctx, '/rest/servicedeskapi/request', page) };
};

/** One comment of a request; customers get public ones only (an internal one looks absent). */
export const getRequestCommentById: Handler = (ctx) => {
  const issue = requireVisibleIssue(
    ctx.state,
    ctx.caller,
    findIssue(ctx.state, pathParam(ctx, 'issueIdOrKey')),
    JSM_REQUEST_NOT_FOUND,
  );
  const comment = issue.comments.find((c) => c.id === pathParam(ctx, 'commentId'));
  if (!comment || (!comment.public && !canSeeInternalComments(ctx.state, ctx.caller.user, issue)))
    throw new JiraHttpError(404, ['The comment does not exist.']);
  return { status: 200, body: jsmComment(ctx, issue, comment, false) };
};
