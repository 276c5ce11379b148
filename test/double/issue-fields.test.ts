/**
 * IssueBean's `fields` is a free-form map in the spec, so the response check cannot see into it.
 * This checks each field the double sends against the component schema Jira uses for it elsewhere.
 */
import { validateComponent } from './spec';
import { DEMO_STATUS_IDS, DEMO_USERS, startJiraDouble, type JiraDouble } from './index';
import { arr, asUser, call, obj } from './testing';

let jira: JiraDouble;
beforeEach(async () => {
  jira = await startJiraDouble();
});
afterEach(() => jira.close());

const FIELD_SCHEMAS: Record<string, string> = {
  status: 'StatusDetails',
  reporter: 'UserDetails',
  project: 'ProjectDetails',
  issuetype: 'IssueTypeDetails',
  comment: 'PageOfComments',
};

it('sends every modelled field in the shape of its component schema', async () => {
  const r = await call(jira, asUser(DEMO_USERS.agent.accountId), 'GET', '/rest/api/3/issue/SUP-5');
  const fields = obj(obj(r.json).fields);
  expect(Object.keys(fields).sort()).toEqual(
    [
      'comment',
      'created',
      'issuetype',
      'project',
      'reporter',
      'status',
      'statuscategorychangedate',
      'summary',
      'updated',
    ].sort(),
  );
  for (const [field, schema] of Object.entries(FIELD_SCHEMAS)) {
    expect(validateComponent('platform', schema, fields[field], `fields.${field}`)).toEqual([]);
  }
  expect(arr(obj(fields.comment).comments)).toHaveLength(2);
  for (const date of ['created', 'updated', 'statuscategorychangedate']) {
    expect(fields[date]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/);
  }
  expect(jira.takeViolations()).toEqual([]);
});

it('selects fields as Jira does: lists, *navigable, exclusions, unknown names ignored', async () => {
  const keys = async (query: string): Promise<string[]> => {
    const r = await call(jira, 'app', 'GET', `/rest/api/3/issue/SUP-1?${query}`);
    return Object.keys(obj(obj(r.json).fields)).sort();
  };
  expect(await keys('fields=summary,status&fields=nonexistent')).toEqual(['status', 'summary']);
  expect(await keys('fields=*navigable,-reporter')).not.toContain('comment');
  expect(await keys('fields=*navigable,-reporter')).not.toContain('reporter');
  expect(await keys('fields=-comment')).toContain('summary');
  expect(jira.takeViolations()).toEqual([]);
});

/** The status a changelog entry moved to. */
const target = (history: unknown): unknown => obj(arr(obj(history).items)[0]).to;

it('expands the changelog most recent first on the issue, oldest first on /changelog', async () => {
  const expanded = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-10?fields=status&expand=changelog');
  const histories = arr(obj(obj(expanded.json).changelog).histories).map(target);
  const { reopened, closed, resolved, in_progress } = DEMO_STATUS_IDS;
  expect(histories).toEqual([reopened, closed, resolved, in_progress]);
  const paged = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-10/changelog?startAt=1&maxResults=2');
  const page = obj(paged.json);
  expect(arr(page.values).map(target)).toEqual([resolved, closed]);
  expect(page).toMatchObject({ startAt: 1, maxResults: 2, total: 4, isLast: false });
  expect(jira.takeViolations()).toEqual([]);
});
