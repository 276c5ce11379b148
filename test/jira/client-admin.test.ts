/**
 * What Jira receives from the client's administration and search methods (the workflow installer's,
 * the waiting scan's) and what they make of Jira's answer.
 */
import { DEMO_PROJECT, DEMO_WORKFLOW_ID, DEMO_WORKFLOW_SCHEME_ID } from '../double/state';
import type { TestApp } from '../support/app';
import { onlyRequest, queryOf, useClientTestApp, withJira } from '../support/client';
import type { WorkflowCreatePayload, WorkflowUpdatePayload } from '../../src/jira/workflow-types';

// Every write here is answered by an injected reply: the double's state stays the demo site's.
let app: TestApp;
useClientTestApp((started) => (app = started));

const TASK = {
  self: 'https://example.atlassian.net/rest/api/3/task/10001',
  id: '10001',
  status: 'RUNNING',
  progress: 40,
  elapsedRuntime: 12,
  lastUpdate: 1_700_000_000_000,
  submitted: 1_700_000_000_000,
  submittedBy: 10000,
} as const;

const CREATE: WorkflowCreatePayload = { scope: { type: 'GLOBAL' }, statuses: [], workflows: [] };
const UPDATE: WorkflowUpdatePayload = { statuses: [], workflows: [] };
const VALIDATION_ERROR = { code: 'NAME', level: 'ERROR', message: 'Le nom existe déjà.', type: 'WORKFLOW' };

/** The next request to `path` is answered `status` with `body` (checked against the spec). */
function reply(path: string, status: number, body?: unknown): void {
  app.double.faults.add({ path, reply: body === undefined ? { status } : { status, body } });
}

describe('permissions, projects and statuses', () => {
  it("asks for the caller's global permissions by key", async () => {
    const result = await withJira(app, (jira) => jira.getMyPermissions(['ADMINISTER', 'BROWSE_PROJECTS']));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/api/3/mypermissions');
    expect(queryOf(sent)).toEqual([['permissions', 'ADMINISTER,BROWSE_PROJECTS']]);
    expect(result.permissions.ADMINISTER?.havePermission).toBe(true);
  });

  it('searches service projects with their issue types, 50 a page, narrowed to the keys given', async () => {
    const page = await withJira(app, (jira) => jira.searchServiceProjects(0, [DEMO_PROJECT.key, 'OPS']));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/api/3/project/search');
    expect(queryOf(sent)).toEqual([
      ['typeKey', 'service_desk'],
      ['expand', 'issueTypes'],
      ['startAt', '0'],
      ['maxResults', '50'],
      ['keys', DEMO_PROJECT.key],
      ['keys', 'OPS'],
    ]);
    expect(page.values?.map((p) => p.key)).toEqual([DEMO_PROJECT.key]);
    expect(page.values?.[0]?.issueTypes?.length).toBeGreaterThan(0);
  });

  it('reads projects by id', async () => {
    const page = await withJira(app, (jira) => jira.getProjectsById([DEMO_PROJECT.id, '99999']));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/api/3/project/search');
    expect(queryOf(sent)).toEqual([
      ['maxResults', '50'],
      ['id', DEMO_PROJECT.id],
      ['id', '99999'],
    ]);
    expect(page.values?.map((p) => p.key)).toEqual([DEMO_PROJECT.key]);
  });

  it('searches the global statuses 200 a page', async () => {
    const page = await withJira(app, (jira) => jira.searchStatuses(undefined, 0));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/api/3/statuses/search');
    expect(queryOf(sent)).toEqual([
      ['startAt', '0'],
      ['maxResults', '200'],
    ]);
    expect(page.values?.length).toBeGreaterThan(0);
  });

  it("searches one project's statuses", async () => {
    await withJira(app, (jira) => jira.searchStatuses(DEMO_PROJECT.id, 200));
    expect(queryOf(onlyRequest(app.double.log))).toEqual([
      ['startAt', '200'],
      ['maxResults', '200'],
      ['projectId', DEMO_PROJECT.id],
    ]);
  });
});

describe('workflows', () => {
  it('validates a creation for errors only, and returns the errors Jira finds', async () => {
    reply('/rest/api/3/workflows/create/validation', 200, { errors: [VALIDATION_ERROR] });
    const errors = await withJira(app, (jira) => jira.validateCreateWorkflows(CREATE));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/workflows/create/validation');
    expect(sent.body).toEqual({ payload: CREATE, validationOptions: { levels: ['ERROR'] } });
    expect(errors).toEqual([VALIDATION_ERROR]);
  });

  it('finds no creation error when Jira lists none', async () => {
    reply('/rest/api/3/workflows/create/validation', 200, {});
    expect(await withJira(app, (jira) => jira.validateCreateWorkflows(CREATE))).toEqual([]);
  });

  it('creates the workflows of the payload as given', async () => {
    reply('/rest/api/3/workflows/create', 200, { statuses: [], workflows: [] });
    const created = await withJira(app, (jira) => jira.createWorkflows(CREATE));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/workflows/create');
    expect(sent.body).toEqual(CREATE);
    expect(created).toEqual({ statuses: [], workflows: [] });
  });

  it('validates an update for errors only, and returns the errors Jira finds', async () => {
    reply('/rest/api/3/workflows/update/validation', 200, { errors: [VALIDATION_ERROR] });
    const errors = await withJira(app, (jira) => jira.validateUpdateWorkflows(UPDATE));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/workflows/update/validation');
    expect(sent.body).toEqual({ payload: UPDATE, validationOptions: { levels: ['ERROR'] } });
    expect(errors).toEqual([VALIDATION_ERROR]);
  });

  it('finds no update error when Jira lists none', async () => {
    reply('/rest/api/3/workflows/update/validation', 200, {});
    expect(await withJira(app, (jira) => jira.validateUpdateWorkflows(UPDATE))).toEqual([]);
  });

  it('updates the workflows of the payload as given', async () => {
    reply('/rest/api/3/workflows/update', 200, { statuses: [], workflows: [], taskId: '10002' });
    const updated = await withJira(app, (jira) => jira.updateWorkflows(UPDATE));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/workflows/update');
    expect(sent.body).toEqual(UPDATE);
    expect(updated.taskId).toBe('10002');
  });

  it('reads workflows by id', async () => {
    const read = await withJira(app, (jira) => jira.readWorkflows({ workflowIds: [DEMO_WORKFLOW_ID] }));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/workflows');
    expect(sent.body).toEqual({ workflowIds: [DEMO_WORKFLOW_ID] });
    expect(read.workflows?.map((w) => w.id)).toEqual([DEMO_WORKFLOW_ID]);
  });
});

describe('workflow schemes and tasks', () => {
  it('reads the workflow schemes of projects', async () => {
    const schemes = await withJira(app, (jira) => jira.readWorkflowSchemes([DEMO_PROJECT.id]));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/workflowscheme/read');
    expect(sent.body).toEqual({ projectIds: [DEMO_PROJECT.id] });
    expect(schemes.map((s) => s.id)).toContain(DEMO_WORKFLOW_SCHEME_ID);
  });

  it("reads a scheme's first page of project usages, 200 at most", async () => {
    const usages = await withJira(app, (jira) =>
      jira.getWorkflowSchemeProjectUsages(DEMO_WORKFLOW_SCHEME_ID),
    );
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(
      `GET /rest/api/3/workflowscheme/${DEMO_WORKFLOW_SCHEME_ID}/projectUsages`,
    );
    expect(queryOf(sent)).toEqual([['maxResults', '200']]);
    expect(usages.projects?.values?.map((p) => p.id)).toContain(DEMO_PROJECT.id);
  });

  it("reads the next page of a scheme's project usages by its token", async () => {
    await withJira(app, (jira) => jira.getWorkflowSchemeProjectUsages(DEMO_WORKFLOW_SCHEME_ID, 'tok-2'));
    expect(queryOf(onlyRequest(app.double.log))).toEqual([
      ['maxResults', '200'],
      ['nextPageToken', 'tok-2'],
    ]);
  });

  it("reads a workflow's first page of scheme usages, 200 at most", async () => {
    const usages = await withJira(app, (jira) => jira.getWorkflowSchemeUsages(DEMO_WORKFLOW_ID));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(
      `GET /rest/api/3/workflow/${DEMO_WORKFLOW_ID}/workflowSchemes`,
    );
    expect(queryOf(sent)).toEqual([['maxResults', '200']]);
    expect(usages.workflowSchemes?.values?.map((s) => s.id)).toContain(DEMO_WORKFLOW_SCHEME_ID);
  });

  it("reads the next page of a workflow's scheme usages by its token", async () => {
    await withJira(app, (jira) => jira.getWorkflowSchemeUsages(DEMO_WORKFLOW_ID, 'tok-3'));
    expect(queryOf(onlyRequest(app.double.log))).toEqual([
      ['maxResults', '200'],
      ['nextPageToken', 'tok-3'],
    ]);
  });

  const SCHEME_UPDATE = {
    id: DEMO_WORKFLOW_SCHEME_ID,
    name: 'Schéma',
    description: '',
    version: { id: 'v1', versionNumber: 1 },
  };

  it('returns the migration task Jira starts for a scheme update', async () => {
    reply('/rest/api/3/workflowscheme/update', 303, TASK);
    const task = await withJira(app, (jira) => jira.updateWorkflowScheme(SCHEME_UPDATE));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/workflowscheme/update');
    expect(sent.body).toEqual(SCHEME_UPDATE);
    expect(task).toEqual(TASK);
  });

  it('returns no task for a scheme update that applied at once', async () => {
    reply('/rest/api/3/workflowscheme/update', 200);
    expect(await withJira(app, (jira) => jira.updateWorkflowScheme(SCHEME_UPDATE))).toBeNull();
  });

  it('takes an answer without both a task id and a task status for no task', async () => {
    reply('/rest/api/3/workflowscheme/update', 200, { id: '10001' });
    expect(await withJira(app, (jira) => jira.updateWorkflowScheme(SCHEME_UPDATE))).toBeNull();
    reply('/rest/api/3/workflowscheme/update', 200, { status: 'RUNNING' });
    expect(await withJira(app, (jira) => jira.updateWorkflowScheme(SCHEME_UPDATE))).toBeNull();
    reply('/rest/api/3/workflowscheme/update', 200, { id: 10001, status: 'RUNNING' });
    expect(await withJira(app, (jira) => jira.updateWorkflowScheme(SCHEME_UPDATE))).toBeNull();
    reply('/rest/api/3/workflowscheme/update', 200, { id: '10001', status: 1 });
    expect(await withJira(app, (jira) => jira.updateWorkflowScheme(SCHEME_UPDATE))).toBeNull();
  });

  it('reads a task by id', async () => {
    reply(`/rest/api/3/task/${TASK.id}`, 200, TASK);
    const task = await withJira(app, (jira) => jira.getTask(TASK.id));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(`GET /rest/api/3/task/${TASK.id}`);
    expect(task).toEqual(TASK);
  });
});

describe('issue search', () => {
  it('searches 100 issues a page with the fields asked for, and nothing else unless asked', async () => {
    const page = await withJira(app, (jira) => jira.searchIssues('project = SUP', ['status', 'summary']));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/search/jql');
    expect(sent.body).toEqual({ jql: 'project = SUP', fields: ['status', 'summary'], maxResults: 100 });
    expect(page.issues?.length).toBeGreaterThan(0);
  });

  it('searches with the page size, properties, expansion and page token given', async () => {
    await withJira(app, (jira) =>
      jira.searchIssues('project = SUP', ['status'], {
        maxResults: 5,
        properties: ['app.state'],
        expand: 'changelog',
        nextPageToken: 'page-2',
      }),
    );
    expect(onlyRequest(app.double.log).body).toEqual({
      jql: 'project = SUP',
      fields: ['status'],
      maxResults: 5,
      properties: ['app.state'],
      expand: 'changelog',
      nextPageToken: 'page-2',
    });
  });

  it('counts no issue when Jira gives no count', async () => {
    reply('/rest/api/3/search/approximate-count', 200, {});
    expect(await withJira(app, (jira) => jira.countIssues('project = SUP'))).toBe(0);
  });
});
