/** Platform: myself, user, users in bulk, mypermissions. */
import { findIssue, findProject, findUser, projectOf, type DoubleProject } from '../state';
import { PERMISSIONS, hasGlobalPermission, hasProjectPermission, requireVisibleIssue } from './access';
import { JiraHttpError, pageBean, paginate, queryInt, queryList, queryString, type Handler } from './context';
import { platformUser } from './representations';

export const getCurrentUser: Handler = (ctx) => ({ status: 200, body: platformUser(ctx, ctx.caller.user) });

/** Needs "Browse users and groups" (403 otherwise, as the spec says); an unknown id is 404. */
export const getUser: Handler = (ctx) => {
  if (!hasGlobalPermission(ctx.state, ctx.caller.user, 'USER_PICKER')) {
    throw new JiraHttpError(403, ['You do not have the permission to see the specified user.']);
  }
  const accountId = queryString(ctx, 'accountId');
  const user = accountId === undefined ? undefined : findUser(ctx.state, accountId);
  if (!user)
    throw new JiraHttpError(404, [`Specified user does not exist or you do not have required permissions`]);
  return { status: 200, body: platformUser(ctx, user) };
};

/**
 * Answers for the caller in a global, project or issue context. `permissions` is required in
 * practice (400 when missing, empty or holding an unknown key) although the schema does not say so.
 */
export const getMyPermissions: Handler = (ctx) => {
  const keys = (queryString(ctx, 'permissions') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (keys.length === 0) throw new JiraHttpError(400, ['The permissions query parameter is required.']);
  const unknown = keys.filter((k) => !PERMISSIONS.some((p) => p.key === k));
  if (unknown.length > 0)
    throw new JiraHttpError(
      400,
      unknown.map((k) => `Invalid permission key: ${k}`),
    );

  const user = ctx.caller.user;
  // Issue context first (issueId wins over issueKey), then project (projectId wins over projectKey).
  const issueRef = queryString(ctx, 'issueId') ?? queryString(ctx, 'issueKey');
  const projectRef = queryString(ctx, 'projectId') ?? queryString(ctx, 'projectKey');
  let projects: DoubleProject[];
  if (issueRef !== undefined) {
    const issue = requireVisibleIssue(ctx.state, ctx.caller, findIssue(ctx.state, issueRef));
    projects = [projectOf(ctx.state, issue)];
  } else if (projectRef !== undefined) {
    const project = findProject(ctx.state, projectRef);
    if (!project) throw new JiraHttpError(404, [`No project could be found with key '${projectRef}'.`]);
    projects = [project];
  } else {
    // Global context: a project permission held in any project counts.
    projects = ctx.state.projects;
  }

  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const info = PERMISSIONS.find((p) => p.key === key);
    if (!info) continue;
    const havePermission =
      info.type === 'GLOBAL'
        ? hasGlobalPermission(ctx.state, user, key)
        : projects.some((p) => hasProjectPermission(user, p, key));
    permissions[key] = { ...info, havePermission };
  }
  return { status: 200, body: { permissions } };
};

/**
 * Users by account id, one page (PageBeanUser). "Permission to access Jira" is all the spec asks;
 * ids Jira does not know are left out rather than refused.
 */
export const bulkGetUsers: Handler = (ctx) => {
  const ids = queryList(ctx, 'accountId') ?? [];
  if (ids.length === 0) throw new JiraHttpError(400, ['At least one accountId is required.']);
  const users = ids.map((id) => findUser(ctx.state, id)).filter((u) => u !== undefined);
  const page = paginate(users, queryInt(ctx, 'startAt', 0), queryInt(ctx, 'maxResults', 10));
  return {
    status: 200,
    body: pageBean(
      `${ctx.baseUrl}/rest/api/3/user/bulk`,
      page,
      page.items.map((u) => platformUser(ctx, u)),
      { withNextPage: false },
    ),
  };
};
