/** Platform: issue comments (v3, bodies in Atlassian Document Format). */
import { JIRA_COMMENT_MAX_LENGTH } from '../../../src/workflow';
import { adfToText, isAdfDocument } from '../format';
import { addComment, projectOf } from '../state';
import { canBrowse, canSeeInternalComments, isAgentLike, requireProjectPermission } from './access';
import {
  JiraHttpError,
  bodyObject,
  paginate,
  pathParam,
  queryInt,
  queryList,
  queryString,
  type Handler,
} from './context';
import { isMarkedInternal, visibleIssue } from './platform-issues';
import { platformComment } from './representations';

const wantsRenderedBody = (expand: string[] | undefined): boolean => (expand ?? []).includes('renderedBody');

/** EntityProperty[] of a create request, by key. */
function propertiesOf(value: unknown): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  if (!Array.isArray(value)) return properties;
  for (const p of value as { key?: unknown; value?: unknown }[]) {
    if (typeof p?.key === 'string') properties[p.key] = p.value;
  }
  return properties;
}

/**
 * Comments by id (`POST /rest/api/3/comment/list`), those the caller may see, with their properties
 * when `expand` names them. Unknown ids are left out, as Jira does.
 */
export const getCommentsByIds: Handler = (ctx) => {
  const ids = new Set(((bodyObject(ctx).ids as unknown[]) ?? []).map(String));
  const expand = queryList(ctx, 'expand') ?? [];
  const found: Record<string, unknown>[] = [];
  for (const issue of ctx.state.issues) {
    if (!issue.comments.some((c) => ids.has(c.id))) continue;
    if (!canBrowse(ctx.state, ctx.caller.user, issue)) continue;
    const internalToo = canSeeInternalComments(ctx.state, ctx.caller.user, issue);
    for (const c of issue.comments) {
      if (!ids.has(c.id) || (!c.public && !internalToo)) continue;
      const comment = platformComment(ctx, issue, c, wantsRenderedBody(expand));
      if (expand.includes('properties'))
        comment.properties = Object.entries(c.properties ?? {}).map(([key, value]) => ({ key, value }));
      found.push(comment);
    }
  }
  return {
    status: 200,
    body: { startAt: 0, maxResults: 1000, total: found.length, isLast: true, values: found },
  };
};

/** Oldest first unless `orderBy=-created`; customers see public comments only. */
export const getComments: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  const visible = canSeeInternalComments(ctx.state, ctx.caller.user, issue)
    ? issue.comments
    : issue.comments.filter((c) => c.public);
  const ordered = [...visible].sort((a, b) => a.created - b.created);
  if (queryString(ctx, 'orderBy') === '-created') ordered.reverse();
  const page = paginate(ordered, queryInt(ctx, 'startAt', 0), queryInt(ctx, 'maxResults', 100));
  const rendered = wantsRenderedBody(queryList(ctx, 'expand'));
  return {
    status: 200,
    body: {
      startAt: page.start,
      maxResults: page.limit,
      total: page.total,
      comments: page.items.map((c) => platformComment(ctx, issue, c, rendered)),
    },
  };
};

/**
 * Adds a comment. In a JSM project it is public unless the `sd.public.comment` property says
 * `{internal: true}` (agents only). `visibility` (group/role restriction) is accepted but not modelled.
 */
export const addCommentHandler: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  const project = projectOf(ctx.state, issue);
  requireProjectPermission(
    ctx.caller.user,
    project,
    'ADD_COMMENTS',
    'You do not have the permission to comment on this issue.',
  );
  const body = bodyObject(ctx);
  if (!isAdfDocument(body.body)) {
    throw new JiraHttpError(400, [], {
      comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
    });
  }
  const text = adfToText(body.body);
  if (text.trim() === '') throw new JiraHttpError(400, [], { comment: 'Comment body can not be empty!' });
  if (text.length > JIRA_COMMENT_MAX_LENGTH) {
    throw new JiraHttpError(400, [], {
      comment: 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.',
    });
  }
  const internal =
    isAgentLike(ctx.caller.user, project) &&
    (isMarkedInternal(body.properties) || ctx.state.platformCommentsStayInternal === true);
  const comment = addComment(ctx.state, issue, {
    authorId: ctx.caller.user.accountId,
    body: text,
    adf: body.body,
    public: !internal,
    properties: propertiesOf(body.properties),
  });
  return {
    status: 201,
    body: platformComment(ctx, issue, comment, wantsRenderedBody(queryList(ctx, 'expand'))),
  };
};

/**
 * `PUT /rest/api/3/comment/{commentId}/properties/{propertyKey}`: the comment's author (the app, for
 * the comments it posts) or someone who may edit all comments, on an issue they may see. 201 when
 * created, 200 when replaced.
 */
export const setCommentProperty: Handler = (ctx) => {
  const id = pathParam(ctx, 'commentId');
  const key = pathParam(ctx, 'propertyKey');
  for (const issue of ctx.state.issues) {
    const comment = issue.comments.find((c) => c.id === id);
    if (!comment || !canBrowse(ctx.state, ctx.caller.user, issue)) continue;
    if (
      comment.authorId !== ctx.caller.user.accountId &&
      !isAgentLike(ctx.caller.user, projectOf(ctx.state, issue))
    )
      throw new JiraHttpError(403, ['You do not have permission to edit this comment.']);
    if (JSON.stringify(ctx.body).length > 32768)
      throw new JiraHttpError(400, ['The property value cannot be longer than 32768 characters.']);
    const existed = comment.properties !== undefined && key in comment.properties;
    comment.properties = { ...(comment.properties ?? {}), [key]: structuredClone(ctx.body) };
    return { status: existed ? 200 : 201 };
  }
  throw new JiraHttpError(404, ['The comment does not exist or you do not have permission to see it.']);
};
