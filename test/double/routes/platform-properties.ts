/** Platform: issue properties (app data stored on an issue). */
import { projectOf, type DoubleIssue } from '../state';
import { requireProjectPermission } from './access';
import { JiraHttpError, pathParam, type Handler, type HandlerContext } from './context';
import { visibleIssue } from './platform-issues';

/** Jira's documented limits: key up to 255 characters, value up to 32,768. */
const MAX_KEY_LENGTH = 255;
const MAX_VALUE_LENGTH = 32768;

const propertySelf = (ctx: HandlerContext, issueId: string, key: string): string =>
  `${ctx.baseUrl}/rest/api/3/issue/${issueId}/properties/${encodeURIComponent(key)}`;

const notFound = (key: string): JiraHttpError =>
  new JiraHttpError(404, [`The property with key '${key}' does not exist.`]);

export const getIssuePropertyKeys: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  return {
    status: 200,
    body: {
      keys: Object.keys(issue.properties).map((key) => ({ self: propertySelf(ctx, issue.id, key), key })),
    },
  };
};

export const getIssueProperty: Handler = (ctx) => {
  const issue = visibleIssue(ctx);
  const key = pathParam(ctx, 'propertyKey');
  if (!(key in issue.properties)) throw notFound(key);
  return { status: 200, body: { key, value: issue.properties[key] } };
};

/** The issue of the path, which the caller may see (404 otherwise) and edit (403 otherwise). */
function editableIssue(ctx: HandlerContext): DoubleIssue {
  const issue = visibleIssue(ctx);
  requireProjectPermission(
    ctx.caller.user,
    projectOf(ctx.state, issue),
    'EDIT_ISSUES',
    'You do not have permission to edit this issue.',
  );
  return issue;
}

/** Needs Edit Issues (403 otherwise). 201 when created, 200 when replaced, both without a body. */
export const setIssueProperty: Handler = (ctx) => {
  const issue = editableIssue(ctx);
  const key = pathParam(ctx, 'propertyKey');
  if (key.length > MAX_KEY_LENGTH)
    throw new JiraHttpError(400, [`The property key cannot be longer than ${MAX_KEY_LENGTH} characters.`]);
  if (JSON.stringify(ctx.body).length > MAX_VALUE_LENGTH) {
    throw new JiraHttpError(400, [
      `The property value cannot be longer than ${MAX_VALUE_LENGTH} characters.`,
    ]);
  }
  const existed = key in issue.properties;
  // A copy, so later changes by the test to the object it sent do not leak into state.
  issue.properties[key] = structuredClone(ctx.body);
  return { status: existed ? 200 : 201 };
};

export const deleteIssueProperty: Handler = (ctx) => {
  const issue = editableIssue(ctx);
  const key = pathParam(ctx, 'propertyKey');
  if (!(key in issue.properties)) throw notFound(key);
  delete issue.properties[key];
  return { status: 204 };
};
