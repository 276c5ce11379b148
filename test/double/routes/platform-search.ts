/**
 * POST /rest/api/3/search/jql (searchAndReconsileIssuesUsingJqlPost): the bounded JQL the waiting
 * scan sends, clauses joined by AND (`project = X`, `status = X`, `status in (X, Y)`), an optional
 * `ORDER BY key ASC`; anything else answers 400, as unparseable JQL does. Issues are rendered as
 * GET issue renders them (fields, properties, `expand=changelog` newest first), paged by an opaque
 * `nextPageToken`; only issues the caller may browse are found.
 */
import { findProject, statusById } from '../state';
import { canBrowse } from './access';
import { JiraHttpError, bodyObject, type Handler } from './context';
import { getIssue } from './platform-issues';

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const unquote = (raw: string): string => raw.trim().replace(/^"(.*)"$/, '$1');

export const searchIssuesByJql: Handler = (ctx) => {
  const body = bodyObject(ctx);
  const jql = (asString(body.jql) ?? '').replace(/\s+ORDER\s+BY\s+key\s+ASC\s*$/i, '');
  let issues = [...ctx.state.issues];
  let bounded = false;
  for (const clause of jql.split(/\s+AND\s+/i).map((c) => c.trim())) {
    const eq = /^(project|status)\s*=\s*("[^"]*"|[^\s]+)$/i.exec(clause);
    const inList = /^status\s+in\s*\(([^)]*)\)$/i.exec(clause);
    if (eq && (eq[1] ?? '').toLowerCase() === 'project') {
      const project = findProject(ctx.state, unquote(eq[2] ?? ''));
      bounded = true;
      issues = issues.filter((i) => i.projectId === project?.id);
    } else if (eq || inList) {
      const values = eq ? [unquote(eq[2] ?? '')] : (inList?.[1] ?? '').split(',').map(unquote);
      issues = issues.filter((i) =>
        values.some((v) => i.statusId === v || statusById(ctx.state, i.statusId).name === v),
      );
    } else throw new JiraHttpError(400, [`Error in the JQL Query: cannot parse '${clause}'.`]);
  }
  if (!bounded) throw new JiraHttpError(400, ['The JQL query is unbounded: add a project restriction.']);
  const visible = issues
    .filter((i) => canBrowse(ctx.state, ctx.caller.user, i))
    .sort((a, b) => Number(a.id) - Number(b.id));
  const start = Number(asString(body.nextPageToken) ?? '0') || 0;
  const size = Math.min(
    typeof body.maxResults === 'number' ? body.maxResults : 50,
    100,
    ctx.state.searchPageLimit ?? 100,
  );
  const page = visible.slice(start, start + size);
  const fields = Array.isArray(body.fields) ? body.fields.filter((f) => typeof f === 'string') : ['id'];
  const query: Record<string, unknown> = { fields };
  if (typeof body.expand === 'string') query.expand = body.expand.split(',');
  if (Array.isArray(body.properties)) query.properties = body.properties;
  const rendered = page.map(
    (issue) => getIssue({ ...ctx, pathParams: { issueIdOrKey: issue.key }, query, body: undefined }).body,
  );
  const isLast = start + size >= visible.length;
  return {
    status: 200,
    body: { issues: rendered, isLast, ...(isLast ? {} : { nextPageToken: String(start + size) }) },
  };
};
